import Logging
import Synchronization

/// Records log lines from any thread, so tests can check that bad input was logged.
final class LogRecorder: Sendable {
    private let lines = Mutex<[(level: Logger.Level, message: String)]>([])

    /// A logger writing here (trace level: every line is kept).
    var logger: Logger {
        Logger(label: "autoconfig-test") { _ in Handler(recorder: self) }
    }

    /// Whether a line at `level` or above contains `text`.
    func contains(_ text: String, atLeast level: Logger.Level = .trace) -> Bool {
        lines.withLock { $0.contains { $0.level >= level && $0.message.contains(text) } }
    }

    /// Every line containing `text`.
    func messages(containing text: String) -> [String] {
        lines.withLock { $0.filter { $0.message.contains(text) }.map(\.message) }
    }

    private struct Handler: LogHandler {
        let recorder: LogRecorder
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) {
            recorder.lines.withLock { $0.append((event.level, event.message.description)) }
        }
    }
}
