import Foundation
import Logging
import Synchronization

/// The alert-actions actor on the bus: turns alerts into e-mail, SMS and GPO requests on a
/// thread of its own until ``stop()`` (engine.md §12, decisions.md D5).
///
/// One thread owns both Malamute clients — `fty-alert-actions` (consumer of the assets and
/// alerts streams, sender of REPUBLISH) and `fty-alert-actions#mb` (requests and their replies)
/// — and the ``AlertActionsCore``. Requests are synchronous: while one waits for its reply
/// (up to `replyTimeout`), stream messages queue up.
///
/// ```swift
/// let server = AlertActionsServer(configuration: AlertActionsConfiguration(endpoint: "ipc://@/malamute"))
/// try server.start()   // clients connected, REPUBLISH sent
/// …
/// server.stop()
/// ```
public final class AlertActionsServer: Sendable {
    private enum Phase {
        case idle
        case running(finished: DispatchSemaphore)
        case stopped
    }

    /// The settings the server was created with.
    public let configuration: AlertActionsConfiguration
    private let logger: Logger
    private let phase = Mutex(Phase.idle)
    /// Shared with the actor's thread, which must not hold the server itself (deinit stops it).
    private let stopping = StopSignal()

    /// Creates a server; nothing happens until ``start()``.
    public init(configuration: AlertActionsConfiguration, logger: Logger = Logger(label: "fty-alert-actions")) {
        self.configuration = configuration
        self.logger = logger
    }

    deinit {
        stop()
    }

    /// Connects and subscribes both clients and sends REPUBLISH; returns once that is done.
    ///
    /// - Throws: ``AlertActionsServerError/broker(endpoint:client:_:)`` when the broker does not
    ///   answer within `configuration.clientTimeout`; ``AlertActionsServerError/alreadyStarted``
    ///   on a second call. Nothing keeps running then.
    public func start() throws(AlertActionsServerError) {
        try phase.withLock { phase throws(AlertActionsServerError) in
            guard case .idle = phase else { throw .alreadyStarted }
            let startup = Mutex<Result<Void, AlertActionsServerError>?>(nil)
            let ready = DispatchSemaphore(value: 0)
            let finished = DispatchSemaphore(value: 0)
            let (configuration, logger) = (self.configuration, self.logger)
            let stopping = self.stopping
            let thread = Thread {
                defer { finished.signal() }
                let loop = AlertActionsLoop(configuration: configuration, logger: logger)
                do throws(AlertActionsServerError) {
                    try loop.connect()
                } catch {
                    loop.close()
                    startup.withLock { $0 = .failure(error) }
                    ready.signal()
                    return
                }
                startup.withLock { $0 = .success(()) }
                ready.signal()
                loop.run(until: { stopping.isRaised })
                loop.close()
                logger.info("alert actions stopped")
            }
            thread.name = "fty-alert-actions"
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

    /// Closes the clients and waits until the actor's thread has ended; safe to call twice.
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

/// A flag the actor's thread polls between loop turns.
private final class StopSignal: Sendable {
    private let flag = Atomic(false)

    var isRaised: Bool { flag.load(ordering: .acquiring) }

    func raise() { flag.store(true, ordering: .releasing) }
}
