import ArgumentParser

/// `rules delete NAME`: DELETE (engine.md §9.8).
struct RulesDeleteCommand: BusSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", abstract: "Deletes a rule; its alerts are resolved ('Rule deleted').")

    @Argument(help: "The rule name (exact).")
    var name: String

    @OptionGroup var bus: BusOptions

    func execute(_ session: BusSession) throws(CommandFailure) {
        try RulesDeletion.run("DELETE", name, session: session, json: bus.json)
    }
}
