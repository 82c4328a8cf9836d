import Logging

/// Logging set-up: one line per event on standard error, for the journal or a terminal
/// (``LineLogHandler``, engine.md §14).
enum Log {
    /// The logger of engine.md §13: alert transitions at INFO, Lua evaluations at DEBUG.
    static let auditLabel = "audit/alarms"

    /// Bootstraps swift-log once for the process and returns the logger `label` at `level`.
    ///
    /// The line form follows `JOURNAL_STREAM` (see ``JournalStream``). Loggers made later with
    /// ``logger(_:level:)`` share it.
    static func bootstrap(level: Logger.Level, label: String, environment: Environment = .current) -> Logger {
        let format: LineLogHandler.Format =
            JournalStream.isConnected(value: environment["JOURNAL_STREAM"]) ? .journal : .plain
        LoggingSystem.bootstrap { label in
            LineLogHandler(label: label, level: level, format: format)
        }
        return logger(label, level: level)
    }

    /// A logger for `label` at `level`.
    static func logger(_ label: String, level: Logger.Level) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = level
        return logger
    }
}
