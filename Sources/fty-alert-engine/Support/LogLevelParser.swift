import Logging

/// Maps 42ity's log level names to swift-log levels: `BIOS_LOG_LEVEL` and the config file's
/// `log/level` take the same values.
///
/// fty-common-logging knows `LOG_TRACE`, `LOG_DEBUG`, `LOG_INFO`, `LOG_WARNING`, `LOG_ERROR`,
/// `LOG_FATAL`; syslog's spellings (`LOG_NOTICE`, `LOG_ERR`, `LOG_CRIT`, `LOG_CRITICAL`) and the
/// bare swift-log names (`debug`, `warning`, …) are taken too. Case is ignored.
enum LogLevelParser {
    /// The names documented for operators, in increasing severity.
    static let biosNames = ["LOG_DEBUG", "LOG_INFO", "LOG_WARNING", "LOG_ERROR", "LOG_CRITICAL"]

    /// The level `text` names, or nil when it names none (or is nil).
    static func level(_ text: String?) -> Logger.Level? {
        guard var name = text?.uppercased() else { return nil }
        if name.hasPrefix("LOG_") { name.removeFirst(4) }
        switch name {
        case "TRACE": return .trace
        case "DEBUG": return .debug
        case "INFO": return .info
        case "NOTICE": return .notice
        case "WARNING", "WARN": return .warning
        case "ERR", "ERROR": return .error
        case "CRIT", "CRITICAL", "FATAL": return .critical
        default: return nil
        }
    }
}
