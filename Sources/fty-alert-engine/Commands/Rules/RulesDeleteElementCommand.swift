import ArgumentParser

/// `rules delete-element ELEMENT`: DELETE_ELEMENT (engine.md §9.8).
struct RulesDeleteElementCommand: BusSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "delete-element", abstract: "Deletes every rule whose element is exactly ELEMENT.")

    @Argument(help: "The element (asset name).")
    var element: String

    @OptionGroup var bus: BusOptions

    func execute(_ session: BusSession) throws(CommandFailure) {
        try RulesDeletion.run("DELETE_ELEMENT", element, session: session, json: bus.json)
    }
}
