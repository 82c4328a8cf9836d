import ArgumentParser

/// `fty-alert-engine templates …`: the rule templates of autoconfig (engine.md §11).
struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates", abstract: "Asks autoconfig about its rule templates.",
        subcommands: [TemplatesListCommand.self])
}
