import Locking
import Logging

/// Log lines captured from a `Logger` on any thread, for tests that check something was logged.
///
/// Every level is kept (the logger it hands out is at trace); each line keeps its level and the
/// metadata it was logged with (the logger's merged with the event's).
///
/// ```swift
/// let log = CapturedLog()
/// let server = AutoconfigServer(configuration: configuration, logger: log.logger)
/// …
/// #expect(eventually { log.contains("refused", "BAD_JSON", atLeast: .warning) })
/// ```
public final class CapturedLog: Sendable {
    private let lines = Locked<[(level: Logger.Level, message: String, metadata: Logger.Metadata)]>([])

    /// An empty log.
    public init() {}

    /// A logger writing here.
    public var logger: Logger {
        Logger(label: "test") { _ in Handler(log: self) }
    }

    /// Every captured message, oldest first.
    public var messages: [String] { lines.withLock { $0.map(\.message) } }

    /// Whether some message at `level` or above contains every one of `parts`.
    public func contains(_ parts: String..., atLeast level: Logger.Level = .trace) -> Bool {
        lines.withLock { $0.contains { $0.level >= level && parts.allSatisfy($0.message.contains) } }
    }

    /// The metadata (the logger's and the event's) of the first message containing `part`.
    public func metadata(ofMessageContaining part: String) -> Logger.Metadata? {
        lines.withLock { $0.first { $0.message.contains(part) }?.metadata }
    }

    private func append(_ level: Logger.Level, _ message: String, metadata: Logger.Metadata) {
        lines.withLock { $0.append((level, message, metadata)) }
    }

    private struct Handler: LogHandler {
        let log: CapturedLog
        var logLevel: Logger.Level = .trace
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            log.append(event.level, event.message.description, metadata: metadata.merging(event.metadata ?? [:]) { $1 })
        }
    }
}
