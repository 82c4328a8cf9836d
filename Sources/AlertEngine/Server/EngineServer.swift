import Logging
import MalamuteClient

/// The alert engine on the bus: loads the rules directory, then serves the `rfc-evaluator-rules`
/// mailbox and evaluates metrics on a thread of its own until ``stop()`` (engine.md §1, §5, §9,
/// §10, decisions.md D1, D2, D5, D6).
///
/// One thread owns both Malamute clients of engine.md §1 — `fty-alert-engine` (mailbox, producer
/// on `_ALERTS_SYS`) and `fty-alert-engine-stream` (producer on `_ALERTS_SYS`, consumer of
/// `METRICS`, `_METRICS_SENSOR`, `_METRICS_UNAVAILABLE`, `LICENSING-ANNOUNCEMENTS`) — and the
/// ``EngineCore``, so the core needs no locks. The same thread drains the rules directory
/// watcher and runs the metric purge and fty-shm poll timers.
///
/// ```swift
/// let server = EngineServer(configuration: EngineConfiguration(endpoint: "ipc://@/malamute",
///                                                              rulesDirectory: "/var/lib/fty/fty-alert-engine"))
/// try server.start()   // rules loaded, clients connected
/// …
/// server.stop()
/// ```
public final class EngineServer: Sendable {
    /// The settings the server was created with.
    public let configuration: EngineConfiguration
    private let logger: Logger
    private let audit: Logger?
    /// Dropping the server drops the thread, which stops it as ``stop()`` does.
    private let thread = ServerThread<EngineServerError>(name: "fty-alert-engine", alreadyStarted: .alreadyStarted)

    /// Creates a server; nothing happens until ``start()``.
    ///
    /// - Parameter audit: the `audit/alarms` logger of engine.md §13: one INFO line per alert
    ///   transition published, and one DEBUG line per Lua evaluation when its level is DEBUG or
    ///   lower; nil for none.
    public init(
        configuration: EngineConfiguration, logger: Logger = Logger(label: "fty-alert-engine"), audit: Logger? = nil
    ) {
        self.configuration = configuration
        self.logger = logger
        self.audit = audit
    }

    /// Loads the rules and connects to the broker; returns once the clients are ready.
    ///
    /// In order: creates the rules directory, starts watching it, lists and loads it (each
    /// skipped file is logged with its reason), then connects and subscribes both clients.
    /// All of it runs on the engine thread, which stays to serve; this call waits for it.
    ///
    /// - Throws: ``EngineServerError/rulesDirectory(path:_:)`` when the directory cannot be
    ///   created, watched or read; ``EngineServerError/broker(endpoint:client:_:)`` when the
    ///   broker does not answer within `configuration.clientTimeout`;
    ///   ``EngineServerError/alreadyStarted`` on a second call. Nothing keeps running then.
    public func start() throws(EngineServerError) {
        let (configuration, logger, audit) = (self.configuration, self.logger, self.audit)
        try thread.start(
            making: { () throws(EngineServerError) in
                try EngineLoop(configuration: configuration, logger: logger, audit: audit)
            },
            afterClose: { logger.info("engine server stopped") })
    }

    /// Closes the clients and waits until the engine thread has ended; safe to call twice.
    public func stop() {
        thread.stop()
    }
}

extension EngineLoop: ServerLoop {}
