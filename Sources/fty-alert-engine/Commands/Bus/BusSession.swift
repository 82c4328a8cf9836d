import Foundation
import MalamuteClient

/// One subcommand's session on the bus: a uniquely named client, requests with their own
/// trackers, publications, subscriptions — every failure mapped to a ``CommandFailure``.
///
/// The client name is unique per invocation (`fty-alert-engine-cli.<pid>.<random>`): a broker
/// gives a name to its latest owner (wire.md §2.5.3), so two CLIs sharing a name would steal
/// each other's session and replies.
final class BusSession {
    /// Where the broker is.
    let endpoint: String
    /// How long to wait for the broker and for each answer.
    let timeout: Duration
    private let client: MalamuteClient
    private var requestCount = 0

    /// Connects to the broker of `options`; a broker that does not answer is ``CommandFailure/bus(endpoint:detail:)``.
    init(_ options: BusOptions) throws(CommandFailure) {
        endpoint = options.resolvedEndpoint()
        timeout = options.timeoutDuration
        client = MalamuteClient(
            configuration: ClientConfiguration(
                endpoint: endpoint, name: Self.uniqueName(), timeout: timeout,
                closeTimeout: min(timeout, .seconds(1))))
        try perform { () throws(MalamuteClientError) in try client.connect() }
    }

    /// `fty-alert-engine-cli.<pid>.<8 random hex digits>`.
    static func uniqueName() -> String {
        let random = String(UInt32.random(in: .min ... .max), radix: 16)
        return "fty-alert-engine-cli.\(getpid()).\(String(repeating: "0", count: 8 - random.count) + random)"
    }

    /// This session's client name.
    var name: String { client.name }

    /// Mails `frames` to `peer` and returns its answer's frames.
    ///
    /// Each request carries its own tracker (`<client name>#<n>`), and only the answer echoing
    /// it counts (or, with `isAnswer`, the answer that test accepts). No answer within the
    /// timeout is ``CommandFailure/noAnswer(peer:endpoint:timeout:)``.
    func request(
        _ peer: String, subject: String, frames: [[UInt8]], isAnswer: ((MalamuteDelivery) -> Bool)? = nil
    ) throws(CommandFailure) -> [[UInt8]] {
        requestCount += 1
        let tracker = "\(client.name)#\(requestCount)"
        let answer = try perform { () throws(MalamuteClientError) in
            try client.request(
                address: peer, subject: subject, content: frames, tracker: tracker, timeout: timeout,
                isAnswer: isAnswer)
        }
        guard let answer else { throw .noAnswer(peer: peer, endpoint: endpoint, timeout: timeout) }
        return answer.content
    }

    /// Publishes one message on `stream`.
    func publish(stream: String, subject: String, frames: [[UInt8]]) throws(CommandFailure) {
        try perform { () throws(MalamuteClientError) in
            try client.setProducer(stream: stream)
            try client.send(subject: subject, content: frames)
        }
    }

    /// Subscribes to every subject of `stream`.
    func subscribe(stream: String) throws(CommandFailure) {
        try perform { () throws(MalamuteClientError) in try client.setConsumer(stream: stream, pattern: ".*") }
    }

    /// The next stream message, or nil after `wait`.
    func nextDelivery(wait: Duration) throws(CommandFailure) -> MalamuteDelivery? {
        try perform { () throws(MalamuteClientError) in try client.receive(timeout: wait) }
    }

    /// Ends the session. After a publication, the broker's OK to the close also says it has
    /// taken the message in (it handles one client's commands in order).
    func close() { client.close() }

    private func perform<T>(_ body: () throws(MalamuteClientError) -> T) throws(CommandFailure) -> T {
        do {
            return try body()
        } catch {
            throw .bus(endpoint: endpoint, detail: error.description)
        }
    }
}
