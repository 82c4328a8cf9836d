import AlertEngine
import ArgumentParser
import Foundation
import Logging
import MalamuteBroker
import SelfMetrics

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
        // First: the metrics system must be bootstrapped before the engine creates its counters.
        let exporter: MetricsExporter?
        do {
            exporter = try MetricsExporter.start(listen: resolved.metricsListen, logger: logger)
        } catch {
            FileHandle.standardError.write(Data("fty-alert-engine: cannot start: \(error)\n".utf8))
            throw ExitCode.failure
        }

        var broker: MalamuteBroker?
        var engineSettings = resolved
        if resolved.embeddedBroker {
            // The embedded broker also binds an in-process endpoint and the engine's own clients
            // use it: inproc pipes skip libzmq's I/O thread and the kernel on both hops, which on
            // two cores is a large share of a metric's cost. Other clients use --endpoint.
            broker = try MalamuteBroker(
                configuration: BrokerConfiguration(endpoints: [resolved.endpoint, Self.inprocEndpoint]),
                logger: Log.logger("malamute.broker", level: resolved.logLevel))
            engineSettings.endpoint = Self.inprocEndpoint
        }
        // engine.md §13: one audit line per Lua evaluation; at the default level that would flood
        // standard error on a busy bus, so the audit logger is only attached when debugging.
        let audit = resolved.logLevel <= .debug ? Log.logger("audit/alarms", level: resolved.logLevel) : nil
        let server = EngineServer(configuration: Self.engineConfiguration(engineSettings), logger: logger, audit: audit)
        do {
            try server.start()
        } catch {
            // Q37: fail fast with a message naming the endpoint or the directory, not a crash.
            FileHandle.standardError.write(Data("fty-alert-engine: cannot start: \(error)\n".utf8))
            broker?.stop()
            exporter?.stop()
            throw ExitCode.failure
        }

        let signal = signals.wait()
        logger.info("stopping", metadata: ["signal": "\(signal)"])
        server.stop()
        broker?.stop()
        exporter?.stop()
    }

    /// Where the engine's clients reach an embedded broker in the same process.
    static let inprocEndpoint = "inproc://fty-alert-engine-embedded-broker"

    /// The engine server's settings from the resolved options.
    static func engineConfiguration(_ settings: AgentSettings) -> EngineConfiguration {
        EngineConfiguration(
            endpoint: settings.endpoint, rulesDirectory: settings.rulesDirectory, shmDirectory: settings.shmDirectory,
            shmPollInterval: .seconds(settings.shmPollInterval), autoclean: settings.shmAutoclean)
    }
}
