import Logging
import Testing

@testable import fty_alert_engine

/// `BIOS_LOG_LEVEL` and `log/level` values.
@Suite struct LogLevelParserTests {
    @Test(arguments: [
        ("LOG_DEBUG", Logger.Level.debug), ("LOG_INFO", .info), ("LOG_WARNING", .warning), ("LOG_ERROR", .error),
        ("LOG_CRITICAL", .critical), ("LOG_TRACE", .trace), ("LOG_NOTICE", .notice), ("LOG_ERR", .error),
        ("LOG_CRIT", .critical), ("LOG_FATAL", .critical), ("log_debug", .debug), ("warning", .warning),
        ("Debug", .debug),
    ])
    func namesMapToLevels(name: String, level: Logger.Level) {
        #expect(LogLevelParser.level(name) == level)
    }

    @Test(arguments: ["", "LOG_", "LOUD", "LOG_VERBOSE", "7", " LOG_DEBUG"])
    func otherTextsNameNoLevel(name: String) {
        #expect(LogLevelParser.level(name) == nil)
    }

    @Test func everyDocumentedNameParses() {
        #expect(LogLevelParser.biosNames.map(LogLevelParser.level) == [.debug, .info, .warning, .error, .critical])
        #expect(LogLevelParser.level(nil) == nil)
    }
}
