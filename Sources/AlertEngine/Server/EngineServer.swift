import Foundation
import Logging
import Synchronization

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
    /// Where the server is in its life.
    private enum Phase {
        case idle
        case running(finished: DispatchSemaphore)
        case stopped
    }

    /// The settings the server was created with.
    public let configuration: EngineConfiguration
    private let logger: Logger
    private let audit: Logger?
    private let phase = Mutex(Phase.idle)
    /// Shared with the engine thread, which must not hold the server itself (the server's
    /// deinit stops the thread).
    private let stopping = StopSignal()

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

    deinit {
        stop()
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
        try phase.withLock { phase throws(EngineServerError) in
            guard case .idle = phase else { throw .alreadyStarted }
            let startup = Mutex<Result<Void, EngineServerError>?>(nil)
            let ready = DispatchSemaphore(value: 0)
            let finished = DispatchSemaphore(value: 0)
            let (configuration, logger, audit) = (self.configuration, self.logger, self.audit)
            let stopping = self.stopping
            let thread = Thread {
                defer { finished.signal() }
                let loop: EngineLoop
                do throws(EngineServerError) {
                    loop = try EngineLoop(configuration: configuration, logger: logger, audit: audit)
                    do throws(EngineServerError) {
                        try loop.connect()
                    } catch {
                        loop.close()
                        throw error
                    }
                } catch {
                    startup.withLock { $0 = .failure(error) }
                    ready.signal()
                    return
                }
                startup.withLock { $0 = .success(()) }
                ready.signal()
                loop.run(until: { stopping.isRaised })
                loop.close()
                logger.info("engine server stopped")
            }
            thread.name = "fty-alert-engine"
            thread.start()
            ready.wait()
            if case .failure(let error) = startup.withLock({ $0 }) {
                finished.wait()
                phase = .stopped
                throw error
            }
            phase = .running(finished: finished)
        }
    }

    /// Closes the clients and waits until the engine thread has ended; safe to call twice.
    public func stop() {
        phase.withLock { phase in
            guard case .running(let finished) = phase else {
                phase = .stopped
                return
            }
            stopping.raise()
            finished.wait()
            phase = .stopped
        }
    }
}

/// A flag the engine thread polls between loop turns.
private final class StopSignal: Sendable {
    private let flag = Atomic(false)

    var isRaised: Bool { flag.load(ordering: .acquiring) }

    func raise() { flag.store(true, ordering: .releasing) }
}
