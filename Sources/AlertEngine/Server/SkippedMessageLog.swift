import Logging

/// Counts stream messages the engine cannot use and logs them without flooding the log.
///
/// The first message of each window is logged at debug with its details; the others are only
/// counted and summed up in one debug line when the window closes, so a flood of foreign
/// messages costs one log line per window rather than one per message.
struct SkippedMessageLog {
    /// The length of one window.
    let window: Duration
    private var windowEnd: ContinuousClock.Instant?
    private var unlogged = 0
    /// Messages skipped since start.
    private(set) var total = 0

    init(window: Duration = .seconds(10)) {
        self.window = window
    }

    /// Records one skipped message; `details` is logged only for the first of a window.
    mutating func record(now: ContinuousClock.Instant, logger: Logger, _ details: @autoclosure () -> String) {
        total += 1
        if let windowEnd, now < windowEnd {
            unlogged += 1
            return
        }
        flush(logger: logger)
        windowEnd = now + window
        logger.debug("skipping stream message: \(details())")
    }

    /// Logs the count of messages not yet reported, if any.
    mutating func flush(logger: Logger) {
        if unlogged > 0 {
            logger.debug("skipped \(unlogged) more stream messages (\(total) since start)")
        }
        unlogged = 0
    }
}
