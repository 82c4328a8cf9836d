import AbsenceWatch
import AlertActions
import AliveProbes
import AlertHistory
import Foundation
import AlertEngine
import Autoconfig
import ArgumentParser
import CoreMetrics
import Logging
import MalamuteBroker
import MalamuteClient
import ServiceLifecycle
import Prometheus
import SelfMetrics
import AgentHTTP

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
        // Issue 14 item 3: one instance per rules directory, decided before anything reaches the
        // bus (the broker's address table must never see two `fty-alert-engine` sessions).
        let lock = try await Self.lockRulesDirectory(resolved, logger: logger)
        defer { withExtendedLifetime(lock) {} }

        // engine.md §13: alert transitions at INFO (rare), Lua evaluations at DEBUG (one per
        // metric a Lua rule takes: only when debugging).
        let audit = Log.logger(Log.auditLabel, level: resolved.logLevel)
        // The metrics system is bootstrapped before any server creates its counters, and the
        // HTTP listener starts first so that /live and /metrics answer while the servers start.
        let order = StartOrder()
        let history: HistoryStore?
        do {
            history = try Self.openHistory(resolved, logger: logger)
        } catch {
            Console.error("cannot start: \(error)")
            throw ExitCode.failure
        }
        let bus = Self.bus(resolved)
        let publisher = resolved.webhook.publish
            ? WebhookAlertPublisher(
                endpoint: bus, logger: Log.logger("fty-alert-webhook", level: resolved.logLevel),
                credentials: Self.busCredentials(resolved)) : nil
        // Issue 12 item 3: the alive probes, only with --probes-file (else nothing new on the bus).
        var probes: ProbeMonitor?
        if let settings = resolved.probes {
            do {
                probes = try ProbeMonitor(
                    path: settings.path, now: AbsenceInstant.now())
            } catch {
                Console.error("cannot start: \(error)")
                throw ExitCode.failure
            }
            if resolved.http.address == nil {
                logger.warning("--probes-file without the HTTP listener: no probe can report (set --http-listen)")
            }
        }
        // The HTTP why route asks the engine thread through the desk (issue 13 item 5).
        let whyDesk = WhyDesk()
        let http: HTTPListener?
        do {
            http = try await Self.startHTTP(
                resolved, history: history, publisher: publisher, whyDesk: whyDesk, probes: probes, order: order,
                logger: logger)
        } catch {
            Console.error("cannot start: \(error)")
            throw ExitCode.failure
        }
        // The recorder is the engine's observer: our alerts reach it in-process, with evidence.
        let recorder = history.map { store in
            let historyLogger = Log.logger("fty-alert-history", level: resolved.logLevel)
            return HistoryRecorder(
                writer: HistoryWriter(store: store, logger: historyLogger), endpoint: bus,
                alertsStream: resolved.alertsStream, logger: historyLogger, credentials: Self.busCredentials(resolved))
        }
        // Issue 12 item 4: under a Type=notify unit, READY=1 once every server runs and
        // WATCHDOG=1 only while the engine loop turns; nothing of it without NOTIFY_SOCKET.
        let notifier = SystemdNotifier(environment: environment.variables)
        let turns = notifier == nil ? nil : LoopTurns()
        var servers = Self.servers(
            resolved, logger: logger, audit: audit, observer: recorder, whyDesk: whyDesk, loopTurns: turns,
            loopHook: LoopBlockHook.hook(environment: environment.variables))
        // The recorder follows the broker and comes before the engine, so it sees the first alerts.
        let brokers = resolved.embeddedBroker ? 1 : 0
        if let recorder { servers.insert(("history", recorder), at: brokers) }
        if let publisher { servers.insert(("webhook-publisher", publisher), at: brokers) }
        if let probes {
            let service = ProbeAlertService(
                monitor: probes, endpoint: bus, credentials: Self.busCredentials(resolved),
                clock: { AbsenceInstant.now() },
                logger: Log.logger("fty-alert-probes", level: resolved.logLevel))
            servers.insert(("probes", service), at: brokers)
        }
        order.expect(servers.count)
        // Issue 14 item 4: every bus client closes at once; the embedded broker stops after them.
        let together = ParallelStop(Array(servers[brokers...]))
        var services = servers.enumerated().map { position, entry in
            ServiceGroupConfiguration.ServiceConfiguration(
                service: ManagedServerService(
                    name: entry.name, server: entry.server, order: order, position: position, logger: logger,
                    together: position >= brokers ? together : nil),
                serviceName: entry.name)
        }
        if let notifier, let turns {
            let watch = SystemdWatchService(
                notifier: notifier,
                petInterval: WatchdogSettings.petInterval(environment: environment.variables, pid: getpid()),
                turns: turns, order: order, position: servers.count, logger: logger)
            services.append(.init(service: watch, serviceName: watch.description))
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            // Q37: fail fast with a message naming the endpoint or the directory, not a crash.
            Console.error("cannot start: \(error)")
            await http?.stop()
            throw ExitCode.failure
        }
        await http?.stop()
        logger.info("stopped")
    }

    /// EX_TEMPFAIL: another instance holds the rules directory; trying again later may work.
    static let lockHeldStatus: Int32 = 75

    /// Takes the rules directory's ``InstanceLock``, waiting up to `--lock-wait`; exits 75 naming
    /// the holder's pid when it stays held, 1 when the lock file cannot be opened.
    static func lockRulesDirectory(_ settings: AgentSettings, logger: Logger) async throws -> InstanceLock {
        do {
            let lock = try await InstanceLock.acquire(
                directory: settings.rulesDirectory, wait: .milliseconds(Int64((settings.lockWait * 1000).rounded())))
            logger.debug("holding \(lock.path)")
            return lock
        } catch {
            if case .held = error {
                Console.error("\(error)")
                throw ExitCode(lockHeldStatus)
            }
            Console.error("cannot start: \(error)")
            throw ExitCode.failure
        }
    }

    /// The agent's servers in start order (engine.md §1); they stop in the reverse order.
    ///
    /// Servers that talk to the bus connect to `bus`: the embedded broker's in-process endpoint
    /// when there is one, else `--endpoint`.
    static func servers(
        _ settings: AgentSettings, logger: Logger, audit: Logger, observer: (any AlertObserver)? = nil,
        whyDesk: WhyDesk? = nil, loopTurns: LoopTurns? = nil, loopHook: (@Sendable () -> Void)? = nil
    ) -> [(name: String, server: any ManagedServer)] {
        var servers: [(name: String, server: any ManagedServer)] = []
        var bus = settings.endpoint
        if settings.embeddedBroker {
            // The embedded broker also binds an in-process endpoint and the agent's own clients
            // use it: inproc pipes skip libzmq's I/O thread and the kernel on both hops, which on
            // two cores is a large share of a metric's cost. Other clients use --endpoint.
            // With PLAIN on, clients on --endpoint must authenticate; ours, on inproc, run no handshake.
            let configuration = BrokerConfiguration(
                endpoints: [settings.endpoint, inprocEndpoint], plainPasswords: settings.brokerPasswords)
            let brokerLogger = Log.logger("malamute.broker", level: settings.logLevel)
            servers.append(("broker", EmbeddedBroker(configuration: configuration, logger: brokerLogger)))
            bus = inprocEndpoint
        }
        // engine.md §1, §9.4: the engine's Xphase check reads autoconfig's asset cache.
        let assets = AssetInfoView()
        let credentials = busCredentials(settings)
        var engineConfiguration = engineConfiguration(settings, bus: bus)
        engineConfiguration.plainCredentials = credentials
        engineConfiguration.assetInfo = assets.info(for:)
        // §11.7: autoconfig's LIST decides rack and datacenter phase rules from the engine's metrics.
        let metrics = MetricPresenceView()
        engineConfiguration.metricPresence = metrics
        engineConfiguration.alertObserver = observer
        engineConfiguration.whyDesk = whyDesk
        engineConfiguration.loopTurns = loopTurns
        engineConfiguration.loopHook = loopHook
        servers.append(("engine", EngineServer(configuration: engineConfiguration, logger: logger, audit: audit)))
        // Autoconfig (engine.md §11) and alert actions (§12) follow the engine they talk to.
        var autoconfig = AutoconfigConfiguration(
            endpoint: bus, rulesDirectory: settings.rulesDirectory, templatesDirectory: settings.templatesDirectory,
            assetsStream: settings.assetsStream, assetView: assets, metricPresent: metrics.contains)
        autoconfig.plainCredentials = credentials
        autoconfig.expectationTemplates = settings.expectRules
        servers.append(
            ("autoconfig", AutoconfigServer(configuration: autoconfig, logger: Log.logger("fty-autoconfig", level: settings.logLevel))))
        var actions = AlertActionsConfiguration(
            endpoint: bus, assetsStream: settings.assetsStream, alertsStream: settings.alertsStream)
        actions.plainCredentials = credentials
        servers.append(
            ("alert-actions", AlertActionsServer(configuration: actions, logger: Log.logger("fty-alert-actions", level: settings.logLevel))))
        return servers
    }

    /// Opens the history database (issue 10 item 1); nil when it is off, or when the default
    /// one cannot be opened (logged: its directory is missing on a machine without the package).
    ///
    /// - Throws: ``HistoryError`` when a database the operator named cannot be opened.
    static func openHistory(_ settings: AgentSettings, logger: Logger) throws(HistoryError) -> HistoryStore? {
        guard let path = settings.history.path else { return nil }
        if !settings.history.explicit {
            let directory = (path as NSString).deletingLastPathComponent
            guard FileManager.default.fileExists(atPath: directory) else {
                logger.notice("history off: \(directory) does not exist (name a database with --history)")
                return nil
            }
        }
        do {
            let store = try HistoryStore(path: path, retention: settings.historyRetention)
            logger.info("recording alert history in \(path)")
            return store
        } catch {
            guard settings.history.explicit else {
                logger.warning("history off: \(error)")
                return nil
            }
            throw error
        }
    }

    /// The endpoint the agent's own clients use: the embedded broker's in-process one, or
    /// `--endpoint`.
    static func bus(_ settings: AgentSettings) -> String {
        settings.embeddedBroker ? inprocEndpoint : settings.endpoint
    }

    /// Bootstraps the self-metrics and starts the HTTP listener (issue 10 item 5); nil when it is
    /// off, or when its default address is taken (logged: the operator did not ask for it).
    ///
    /// - Throws: ``HTTPListenerError`` when an address the operator named cannot be bound.
    static func startHTTP(
        _ settings: AgentSettings, history: HistoryStore?, publisher: WebhookAlertPublisher?, whyDesk: WhyDesk?,
        probes: ProbeMonitor? = nil, order: StartOrder, logger: Logger
    ) async throws(HTTPListenerError) -> HTTPListener? {
        guard let address = settings.http.address else { return nil }
        let registry = PrometheusCollectorRegistry()
        var publish: (@Sendable ([HistoryRecord]) -> Void)?
        if let publisher { publish = { records in publisher.enqueue(records) } }
        let services = HTTPServices(
            registry: registry, history: history, ready: { order.allStarted }, publishWebhookChanges: publish,
            whyDesk: whyDesk, probes: probes, probesAdminToken: settings.probes?.adminToken)
        let listener: HTTPListener
        do throws(HTTPListenerError) {
            listener = try await HTTPListener.start(
                settings: HTTPSettings(listen: address, webhook: settings.webhook), services: services, logger: logger)
        } catch {
            guard settings.http.explicit else {
                logger.warning("HTTP listener off: \(error) (name another address with --http-listen, or off)")
                return nil
            }
            throw error
        }
        MetricsSystem.bootstrap(SelfMetricsFactory.make(registry: registry))
        return listener
    }

    /// The credentials the agent's clients present: none on the embedded broker's in-process
    /// endpoint (libzmq runs no handshake there), else `--bus-user`'s.
    static func busCredentials(_ settings: AgentSettings) -> PlainCredentials? {
        settings.embeddedBroker ? nil : settings.busCredentials
    }

    /// Where the agent's clients reach an embedded broker in the same process.
    static let inprocEndpoint = "inproc://fty-alert-engine-embedded-broker"

    /// The engine server's settings from the resolved options, its clients connecting to `bus`.
    static func engineConfiguration(_ settings: AgentSettings, bus: String) -> EngineConfiguration {
        var configuration = EngineConfiguration(
            endpoint: bus, rulesDirectory: settings.rulesDirectory, shmDirectory: settings.shmDirectory,
            shmPollInterval: .seconds(settings.shmPollInterval), autoclean: settings.shmAutoclean,
            stateJournal: settings.stateJournal, heartbeat: settings.heartbeat.map(HeartbeatSettings.init(period:)))
        configuration.absenceLadder = settings.absenceLadder
        configuration.dialect = settings.expectRules ? .withExpect : .original
        return configuration
    }
}
