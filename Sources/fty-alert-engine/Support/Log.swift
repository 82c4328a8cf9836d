import Logging

/// Logging set-up: one line per event on standard error, suitable for the journal.
enum Log {
    /// Bootstraps swift-log once for the process and returns the main logger.
    static func bootstrap(level: Logger.Level, label: String) -> Logger {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
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
