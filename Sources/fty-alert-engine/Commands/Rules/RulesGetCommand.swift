import ArgumentParser

/// `rules get NAME`: GET (engine.md §9.3); prints the stored rule.
struct RulesGetCommand: BusSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Prints a rule as the engine stores it.")

    @Argument(help: "The rule name (exact).")
    var name: String

    @OptionGroup var bus: BusOptions

    func execute(_ session: BusSession) throws(CommandFailure) {
        switch try RulesMailbox.ask(session, "GET", name) {
        case .error(let reason):
            throw RulesMailbox.refusal(reason, json: bus.json)
        case .answer(let head, let rest):
            guard head == "OK", let document = rest.first else { throw RulesMailbox.unexpected(head, expected: "OK") }
            if bus.json {
                Console.out(JSONOutput.compact(JSONOutput.document(document)))
            } else {
                let text = String(decoding: document, as: UTF8.self)
                Console.out(text.hasSuffix("\n") ? String(text.dropLast()) : text)
            }
        }
    }
}
