import AlertEngine

/// The engine's `rfc-evaluator-rules` mailbox (engine.md §9) as the `rules` subcommands use it.
enum RulesMailbox {
    /// What the engine answered: its first frame and the rest, or `["ERROR", reason]`.
    enum Reply {
        case answer(head: String, rest: [[UInt8]])
        case error(reason: String)
    }

    /// Sends `frames` to `fty-alert-engine` and returns its reply (engine.md §9.1).
    static func ask(_ session: BusSession, _ frames: [[UInt8]]) throws(CommandFailure) -> Reply {
        let reply = try session.request(EngineNames.mailboxClient, subject: EngineNames.rulesSubject, frames: frames)
        guard let head = reply.first.map({ String(decoding: $0, as: UTF8.self) }) else {
            throw .unexpectedAnswer(peer: EngineNames.mailboxClient, detail: "an empty reply")
        }
        if head == "ERROR" {
            return .error(reason: reply.count > 1 ? String(decoding: reply[1], as: UTF8.self) : "")
        }
        return .answer(head: head, rest: Array(reply.dropFirst()))
    }

    /// Sends string frames; see ``ask(_:_:)``.
    static func ask(_ session: BusSession, _ frames: String...) throws(CommandFailure) -> Reply {
        try ask(session, frames.map { Array($0.utf8) })
    }

    /// Reports a refusal the way every `rules` command does and returns the failure to throw:
    /// with `--json` also `{"result":"ERROR","reason":…}` on standard output.
    static func refusal(_ reason: String, json: Bool) -> CommandFailure {
        if json {
            Console.out(JSONOutput.compact(JSONOutput.object([("result", .string("ERROR")), ("reason", .string(reason))])))
        }
        return .refused(reason: reason)
    }

    /// Fails with ``CommandFailure/unexpectedAnswer(peer:detail:)`` for a reply of the wrong shape.
    static func unexpected(_ head: String, expected: String) -> CommandFailure {
        .unexpectedAnswer(peer: EngineNames.mailboxClient, detail: "'\(head)' where \(expected) was expected")
    }
}
