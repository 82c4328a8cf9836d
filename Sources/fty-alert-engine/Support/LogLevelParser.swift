import Logging

/// Maps 42ity's `BIOS_LOG_LEVEL` values (`LOG_DEBUG` … `LOG_CRITICAL`) to swift-log levels.
enum LogLevelParser {
    static func level(_ text: String?) -> Logger.Level? {
        switch text?.uppercased() {
        case "LOG_TRACE": .trace
        case "LOG_DEBUG": .debug
        case "LOG_INFO": .info
        case "LOG_NOTICE": .notice
        case "LOG_WARNING": .warning
        case "LOG_ERR", "LOG_ERROR": .error
        case "LOG_CRIT", "LOG_CRITICAL", "LOG_FATAL": .critical
        default: nil
        }
    }
}
