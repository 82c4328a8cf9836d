import Foundation
import Logging
import Synchronization

/// The autoconfig actor on the bus: generates alert rules from templates for the assets
/// announced on the assets stream, and answers LIST templates (engine.md §1, §11).
///
/// One thread owns the `fty-autoconfig` client and the ``AutoconfigState``. At start the state
/// file is read back; generation runs on the timer of §11.4 (2 s after start, then ≈5 s after
/// the last asset message of a burst).
///
/// ```swift
/// let server = AutoconfigServer(configuration: AutoconfigConfiguration(
///     endpoint: "ipc://@/malamute", rulesDirectory: "/var/lib/fty/fty-alert-engine",
///     templatesDirectory: "/usr/share/bios/fty-autoconfig"))
/// try server.start()   // client connected, consuming ASSETS
/// …
/// server.stop()        // state written, client closed
/// ```
public final class AutoconfigServer: Sendable {
    private enum Phase {
        case idle
        case running(finished: DispatchSemaphore)
        case stopped
    }

    /// The settings the server was created with.
    public let configuration: AutoconfigConfiguration
    private let logger: Logger
    private let phase = Mutex(Phase.idle)
    /// Shared with the thread, which must not hold the server (the server's deinit stops it).
    private let stopping = StopFlag()

    /// Creates a server; nothing happens until ``start()``.
    public init(configuration: AutoconfigConfiguration, logger: Logger = Logger(label: "fty-autoconfig")) {
        self.configuration = configuration
        self.logger = logger
    }

    deinit {
        stop()
    }

    /// Reads the state file back and connects; returns once the client consumes the stream.
    ///
    /// - Throws: ``AutoconfigServerError/broker(endpoint:_:)`` when the broker does not answer
    ///   within `configuration.clientTimeout`; ``AutoconfigServerError/alreadyStarted`` on a
    ///   second call. Nothing keeps running then. A bad state file does not fail start-up (it is
    ///   logged and moved aside).
    public func start() throws(AutoconfigServerError) {
        try phase.withLock { phase throws(AutoconfigServerError) in
            guard case .idle = phase else { throw .alreadyStarted }
            let startup = Mutex<AutoconfigServerError?>(nil)
            let ready = DispatchSemaphore(value: 0)
            let finished = DispatchSemaphore(value: 0)
            let (configuration, logger) = (self.configuration, self.logger)
            let stopping = self.stopping
            let thread = Thread {
                defer { finished.signal() }
                let loop = AutoconfigLoop(configuration: configuration, logger: logger)
                do throws(AutoconfigServerError) {
                    try loop.connect()
                } catch {
                    loop.client.close()
                    startup.withLock { $0 = error }
                    ready.signal()
                    return
                }
                ready.signal()
                loop.run(until: { stopping.isRaised })
                loop.close()
                logger.info("autoconfig server stopped")
            }
            thread.name = AutoconfigNames.client
            thread.start()
            ready.wait()
            if let error = startup.withLock({ $0 }) {
                finished.wait()
                phase = .stopped
                throw error
            }
            phase = .running(finished: finished)
        }
    }

    /// Writes the state, closes the client and waits until the thread has ended; safe to call twice.
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

/// A flag the autoconfig thread polls between loop turns.
private final class StopFlag: Sendable {
    private let flag = Atomic(false)

    var isRaised: Bool { flag.load(ordering: .acquiring) }

    func raise() { flag.store(true, ordering: .releasing) }
}
