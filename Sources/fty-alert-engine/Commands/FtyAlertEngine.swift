import ArgumentParser

/// `fty-alert-engine`: the agent (the default subcommand), or one of the other subcommands.
///
/// The root command holds no options of its own: the agent's options live on ``AgentCommand``
/// so that a subcommand's options of the same name (`broker --endpoint`) stay its own.
@main
struct FtyAlertEngine: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fty-alert-engine",
        abstract: "Evaluates alert rules against 42ity metrics on the Malamute bus and publishes alerts.",
        discussion: """
            Without a subcommand, runs the agent: it connects to the Malamute broker at --endpoint \
            (with --embedded-broker it first binds its own broker there) and runs until SIGINT or SIGTERM.
            """,
        subcommands: [
            AgentCommand.self, BrokerCommand.self, RulesCommand.self, TemplatesCommand.self, PublishCommand.self,
            WatchCommand.self, CheckCommand.self, WhyCommand.self, TestCommand.self, AlertsCommand.self,
            HistoryCommand.self, ProbesCommand.self, ExpectationsCommand.self,
        ],
        defaultSubcommand: AgentCommand.self)
}
