import MalamuteProtocol

/// The net producer / subscription / offer state a session must restore after a re-open.
///
/// wire.md §3.4: the reference keeps an append-only log and its replay stops at the first
/// STREAM_CANCEL. We keep what the broker should hold right now instead, so that a replay ends
/// with exactly the producer, subscriptions and offers the application asked for (§6.2 allows it).
public struct ReplayState: Equatable, Sendable {
    /// The stream this client publishes on (a later set_producer replaces it, as at the broker).
    public private(set) var producer: [UInt8]?
    /// Subscriptions per stream, streams in first-subscription order, patterns in call order.
    /// Duplicates are kept: the broker holds one selector per STREAM_READ and delivers one copy each.
    public private(set) var subscriptions: [(stream: [UInt8], patterns: [[UInt8]])] = []
    /// Service offers in call order (duplicates kept, as at the broker).
    public private(set) var offers: [(service: [UInt8], pattern: [UInt8])] = []

    /// Creates an empty state.
    public init() {}

    /// Records the effect `command` has at the broker.
    public mutating func apply(_ command: ClientCommand) {
        switch command {
        case .setProducer(let stream):
            producer = stream
        case .setConsumer(let stream, let pattern):
            if let index = subscriptions.firstIndex(where: { $0.stream == stream }) {
                subscriptions[index].patterns.append(pattern)
            } else {
                subscriptions.append((stream, [pattern]))
            }
        case .removeConsumer(let stream):
            subscriptions.removeAll { $0.stream == stream }
        case .setWorker(let service, let pattern):
            offers.append((service, pattern))
        }
    }

    /// The commands that rebuild this state on a fresh session: producer, subscriptions, offers.
    public var commands: [ClientCommand] {
        var result: [ClientCommand] = []
        if let producer { result.append(.setProducer(stream: producer)) }
        for (stream, patterns) in subscriptions {
            for pattern in patterns { result.append(.setConsumer(stream: stream, pattern: pattern)) }
        }
        for (service, pattern) in offers { result.append(.setWorker(service: service, pattern: pattern)) }
        return result
    }

    /// Two states are equal when they replay the same commands.
    public static func == (lhs: ReplayState, rhs: ReplayState) -> Bool {
        lhs.commands == rhs.commands
    }
}
