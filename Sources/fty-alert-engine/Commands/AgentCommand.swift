import ArgumentParser
import Foundation
import Logging
import MalamuteBroker

/// `fty-alert-engine [run]`: the agent, with the options of decisions.md D5.
struct AgentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Runs the agent (the default when no subcommand is given).")

    @OptionGroup var settings: AgentOptions

    func run() throws {
        let resolved = try settings.resolve(environment: Environment.current)
        let logger = Log.bootstrap(level: resolved.logLevel, label: "fty-alert-engine")
        let signals = SignalWaiter(blocking: [SIGINT, SIGTERM])

        var broker: MalamuteBroker?
        if resolved.embeddedBroker {
            broker = try MalamuteBroker(
                configuration: BrokerConfiguration(endpoints: [resolved.endpoint]),
                logger: Log.logger("malamute.broker", level: resolved.logLevel))
        }
        let agent = AgentHost(settings: resolved, logger: logger)
        agent.start()

        let signal = signals.wait()
        logger.info("stopping", metadata: ["signal": "\(signal)"])
        agent.stop()
        broker?.stop()
    }
}
