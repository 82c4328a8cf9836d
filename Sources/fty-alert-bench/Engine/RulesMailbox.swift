import AlertEngine
import MalamuteClient

/// A client of the engine's rules mailbox (engine.md §9): one request at a time.
///
/// Replies come to this client's mailbox with subject `rfc-evaluator-rules`; a reply whose first
/// frame is not the one expected (a late answer to an earlier, re-sent request) is skipped.
final class RulesMailbox {
    let client: MalamuteClient

    init(client: MalamuteClient) { self.client = client }

    /// Connects a fresh client named `name`, retrying every `attempt` while the child process
    /// has not bound its broker yet, up to `deadline`.
    ///
    /// Each attempt uses a new socket: libzmq waits 100 ms before re-trying an ipc connection
    /// that failed, which would dominate a start-up time otherwise. After a second of failures
    /// the attempts last 100 ms, in case a loaded machine answers slower than `attempt`.
    static func connect(
        endpoint: String, name: String, attempt: Duration = .milliseconds(5), deadline: Duration = .seconds(30)
    ) throws -> RulesMailbox {
        let clock = ContinuousClock()
        let start = clock.now
        while true {
            let patient = clock.now - start > .seconds(1)
            let client = MalamuteClient(
                configuration: ClientConfiguration(
                    endpoint: endpoint, name: name, timeout: patient ? max(attempt, .milliseconds(100)) : attempt,
                    closeTimeout: .milliseconds(1)))
            do {
                try client.connect()
                return RulesMailbox(client: client)
            } catch {
                client.close()
                if clock.now - start >= deadline { throw BenchmarkError("cannot connect to \(endpoint): \(error)") }
            }
        }
    }

    /// Sends `frames` to the engine.
    func send(_ frames: [String]) throws {
        try client.sendTo(
            address: EngineNames.mailboxClient, subject: EngineNames.rulesSubject,
            content: frames.map { Array($0.utf8) })
    }

    /// Waits up to `timeout` for a reply starting with `expected` (`OK`, `LIST`) or `ERROR`.
    func reply(expecting expected: String, timeout: Duration) throws -> [[UInt8]]? {
        let clock = ContinuousClock()
        let end = clock.now + timeout
        let first = Array(expected.utf8), error = Array("ERROR".utf8)
        while true {
            let left = end - clock.now
            guard left > .zero, let mail = try client.receive(timeout: left) else { return nil }
            guard mail.kind == .mailbox, mail.subjectString == EngineNames.rulesSubject,
                let head = mail.content.first, head == first || head == error
            else { continue }
            return mail.content
        }
    }

    /// One request and its reply; an `ERROR` reply or silence is an error.
    func request(_ frames: [String], expecting expected: String, timeout: Duration = .seconds(10)) throws -> [[UInt8]] {
        try send(frames)
        guard let reply = try reply(expecting: expected, timeout: timeout) else {
            throw BenchmarkError("no reply to \(frames.first ?? "") within \(timeout)")
        }
        guard reply.first == Array(expected.utf8) else {
            let text = reply.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "|")
            throw BenchmarkError("\(frames.first ?? "") answered \(text)")
        }
        return reply
    }

    func close() { client.close() }
}
