import Foundation
import Logging

/// Log lines captured from a `Logger`, for tests that check something was logged.
final class CapturedLog: @unchecked Sendable {
    // @unchecked: every access goes through `lock`.
    private let lock = NSLock()
    private var lines: [(level: Logger.Level, message: String)] = []

    func append(_ level: Logger.Level, _ message: String) {
        lock.withLock { lines.append((level, message)) }
    }

    /// Every message, oldest first.
    var messages: [String] { lock.withLock { lines.map { "\($0.level) \($0.message)" } } }

    /// Whether some message at `level` or above contains every one of `parts`.
    func contains(_ parts: String..., atLeast level: Logger.Level = .trace) -> Bool {
        lock.withLock { lines.contains { $0.level >= level && parts.allSatisfy($0.message.contains) } }
    }

    /// A logger writing here.
    var logger: Logger {
        Logger(label: "test") { _ in Handler(log: self) }
    }

    private struct Handler: LogHandler {
        let log: CapturedLog
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }
        func log(event: LogEvent) { log.append(event.level, event.message.description) }
    }
}
