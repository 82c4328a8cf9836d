import ArgumentParser

/// `fty-alert-engine rules …`: the engine's rules over its mailbox (engine.md §9).
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Lists, shows, adds, touches and deletes the rules of a running engine.",
        subcommands: [
            RulesListCommand.self, RulesGetCommand.self, RulesAddCommand.self, RulesTouchCommand.self,
            RulesDeleteCommand.self, RulesDeleteElementCommand.self,
        ])
}
