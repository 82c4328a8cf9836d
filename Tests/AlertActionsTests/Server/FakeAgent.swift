import FtyProto
import MalamuteClient
import Testing

/// A stand-in for `fty-email`, `fty-sensor-gpio` or `asset-agent`: a real Malamute client that
/// answers each request it is handed as the real agent does, on the sender's address.
final class FakeAgent {
    /// How the agent answers the requests it takes.
    enum Answer {
        /// `[<uuid>, "OK"]`.
        case ok
        /// `[<uuid>, "ERROR", <cause>]`.
        case refuse(String)
        /// No answer at all.
        case silent
    }

    let client: MalamuteClient
    var answer: Answer

    init(endpoint: String, name: String, answer: Answer = .ok) throws {
        client = MalamuteClient(configuration: ClientConfiguration(endpoint: endpoint, name: name, timeout: .seconds(2)))
        self.answer = answer
        try client.connect()
    }

    deinit {
        client.close()
    }

    /// The next mail, answered as configured; nil when none comes within `timeout`.
    func next(timeout: Duration = .seconds(5)) throws -> MalamuteDelivery? {
        guard let request = try client.receive(timeout: timeout) else { return nil }
        guard request.kind == .mailbox, let id = request.content.first else { return request }
        switch answer {
        case .ok: try client.reply(to: request, content: [id, Array("OK".utf8)])
        case .refuse(let cause): try client.reply(to: request, content: [id, Array("ERROR".utf8), Array(cause.utf8)])
        case .silent: break
        }
        return request
    }

    /// The next mail's frames as text after checking its subject and sender.
    func nextStrings(subject: String, file: String = #filePath, line: Int = #line) throws -> [String]? {
        guard let request = try next() else { return nil }
        #expect(request.subjectString == subject)
        #expect(request.senderString == "fty-alert-actions#mb")
        return request.contentStrings
    }

    /// Asserts that no mail arrives within `within` (the harness settles first, so anything the
    /// actor decided is already on its way).
    func expectNothing(within: Duration = .milliseconds(30), _ comment: Comment? = nil) throws {
        if let unexpected = try client.receive(timeout: within) {
            Issue.record("unexpected \(unexpected.subjectString) \(unexpected.contentStrings.prefix(4)): \(comment ?? "")")
        }
    }
}
