import ArgumentParser

/// `rules touch NAME`: TOUCH (engine.md §9.7): resolves the rule's alerts and forgets them.
struct RulesTouchCommand: BusSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "touch",
        abstract: "Resolves every alert of a rule ('Rule was changed implicitly') and clears its alert cache.")

    @Argument(help: "The rule name (exact).")
    var name: String

    @OptionGroup var bus: BusOptions

    func execute(_ session: BusSession) throws(CommandFailure) {
        switch try RulesMailbox.ask(session, "TOUCH", name) {
        case .error(let reason):
            throw RulesMailbox.refusal(reason, json: bus.json)
        case .answer(let head, _):
            guard head == "OK" else { throw RulesMailbox.unexpected(head, expected: "OK") }
            if bus.json {
                Console.out(JSONOutput.compact(JSONOutput.object([("result", .string("OK")), ("rule", .string(name))])))
            } else {
                Console.out("touched \(name)")
            }
        }
    }
}
