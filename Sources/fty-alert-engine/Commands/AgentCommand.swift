import AlertActions
import AlertEngine
import Autoconfig
import ArgumentParser
import Logging
import MalamuteBroker
import ServiceLifecycle
import SelfMetrics

/// `fty-alert-engine [run]`: the agent, with the options of decisions.md D5.
///
/// Reads the config file, resolves the settings (flag > environment > config file > default),
/// sets up logging, then runs its servers as one `ServiceGroup` until SIGTERM or SIGINT: they
/// start in order (broker, engine, …), each once the one before serves, and stop in reverse
/// order. Exit status: 0 after a signal, 78 for a refused config file (``ConfigFile``), 1 when a
/// server cannot start (the message names the endpoint or directory), 64 for a usage error.
struct AgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Runs the agent (the default when no subcommand is given).")

    @OptionGroup var settings: AgentOptions

    func run() async throws {
        let environment = Environment.current
        let (path, required) = settings.configFile
        let file: ConfigFile
        do {
            file = try ConfigFile.load(path: path, required: required)
        } catch {
            Console.error("\(error)")
            throw ExitCode(ConfigFile.exitStatus)
        }
        let resolved = try settings.resolve(environment: environment, config: file.settings)
        let logger = Log.bootstrap(level: resolved.logLevel, label: "fty-alert-engine", environment: environment)
        for warning in file.warnings { logger.warning("\(warning)") }
        for warning in resolved.warnings { logger.warning("\(warning)") }

        // engine.md §13: alert transitions at INFO (rare), Lua evaluations at DEBUG (one per
        // metric a Lua rule takes: only when debugging).
        let audit = Log.logger(Log.auditLabel, level: resolved.logLevel)
        // The metrics system is bootstrapped before any server creates its counters.
        let exporter: MetricsExporter?
        do {
            exporter = try MetricsExporter.start(listen: resolved.metricsListen, logger: logger)
        } catch {
            Console.error("cannot start: \(error)")
            throw ExitCode.failure
        }
        defer { exporter?.stop() }
        let order = StartOrder()
        let services = Self.servers(resolved, logger: logger, audit: audit).enumerated().map { position, entry in
            ServiceGroupConfiguration.ServiceConfiguration(
                service: ManagedServerService(
                    name: entry.name, server: entry.server, order: order, position: position, logger: logger),
                serviceName: entry.name)
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            // Q37: fail fast with a message naming the endpoint or the directory, not a crash.
            Console.error("cannot start: \(error)")
            throw ExitCode.failure
        }
        logger.info("stopped")
    }

    /// The agent's servers in start order (engine.md §1); they stop in the reverse order.
    ///
    /// Servers that talk to the bus connect to `bus`: the embedded broker's in-process endpoint
    /// when there is one, else `--endpoint`.
    static func servers(
        _ settings: AgentSettings, logger: Logger, audit: Logger
    ) -> [(name: String, server: any ManagedServer)] {
        var servers: [(name: String, server: any ManagedServer)] = []
        var bus = settings.endpoint
        if settings.embeddedBroker {
            // The embedded broker also binds an in-process endpoint and the agent's own clients
            // use it: inproc pipes skip libzmq's I/O thread and the kernel on both hops, which on
            // two cores is a large share of a metric's cost. Other clients use --endpoint.
            let configuration = BrokerConfiguration(endpoints: [settings.endpoint, inprocEndpoint])
            let brokerLogger = Log.logger("malamute.broker", level: settings.logLevel)
            servers.append(("broker", EmbeddedBroker(configuration: configuration, logger: brokerLogger)))
            bus = inprocEndpoint
        }
        // engine.md §1, §9.4: the engine's Xphase check reads autoconfig's asset cache.
        let assets = AssetInfoView()
        var engineConfiguration = engineConfiguration(settings, bus: bus)
        engineConfiguration.assetInfo = assets.info(for:)
        // §11.7: autoconfig's LIST decides rack and datacenter phase rules from the engine's metrics.
        let metrics = MetricPresenceView()
        engineConfiguration.metricPresence = metrics
        servers.append(("engine", EngineServer(configuration: engineConfiguration, logger: logger, audit: audit)))
        // Autoconfig (engine.md §11) and alert actions (§12) follow the engine they talk to.
        let autoconfig = AutoconfigConfiguration(
            endpoint: bus, rulesDirectory: settings.rulesDirectory, templatesDirectory: settings.templatesDirectory,
            assetsStream: settings.assetsStream, assetView: assets, metricPresent: metrics.contains)
        servers.append(
            ("autoconfig", AutoconfigServer(configuration: autoconfig, logger: Log.logger("fty-autoconfig", level: settings.logLevel))))
        let actions = AlertActionsConfiguration(
            endpoint: bus, assetsStream: settings.assetsStream, alertsStream: settings.alertsStream)
        servers.append(
            ("alert-actions", AlertActionsServer(configuration: actions, logger: Log.logger("fty-alert-actions", level: settings.logLevel))))
        return servers
    }

    /// Where the agent's clients reach an embedded broker in the same process.
    static let inprocEndpoint = "inproc://fty-alert-engine-embedded-broker"

    /// The engine server's settings from the resolved options, its clients connecting to `bus`.
    static func engineConfiguration(_ settings: AgentSettings, bus: String) -> EngineConfiguration {
        EngineConfiguration(
            endpoint: bus, rulesDirectory: settings.rulesDirectory, shmDirectory: settings.shmDirectory,
            shmPollInterval: .seconds(settings.shmPollInterval), autoclean: settings.shmAutoclean,
            stateJournal: settings.stateJournal)
    }
}
