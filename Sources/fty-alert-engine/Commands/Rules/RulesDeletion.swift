import ArgumentParser

/// DELETE and DELETE_ELEMENT (engine.md §9.8): the same reply, `["OK", name…]`.
enum RulesDeletion {
    /// Sends `command` with `key` and prints the deleted rule names.
    static func run(_ command: String, _ key: String, session: BusSession, json: Bool) throws(CommandFailure) {
        switch try RulesMailbox.ask(session, command, key) {
        case .error(let reason):
            throw RulesMailbox.refusal(reason, json: json)
        case .answer(let head, let rest):
            guard head == "OK" else { throw RulesMailbox.unexpected(head, expected: "OK") }
            let names = rest.map { String(decoding: $0, as: UTF8.self) }.sorted()
            if json {
                Console.out(
                    JSONOutput.compact(JSONOutput.object([("result", .string("OK")), ("deleted", JSONOutput.strings(names))])))
            } else {
                names.forEach { Console.out("deleted \($0)") }
            }
        }
    }
}
