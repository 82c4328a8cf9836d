import ArgumentParser

/// `fty-alert-engine publish …`: puts what 42ity agents publish on the bus, by hand.
struct PublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish", abstract: "Publishes a metric, a metric-unavailable notice or an asset.",
        subcommands: [PublishMetricCommand.self, PublishUnavailableCommand.self, PublishAssetCommand.self])
}
