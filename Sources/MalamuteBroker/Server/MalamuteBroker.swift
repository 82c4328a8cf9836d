import Locking
import Foundation
import Logging
import ZeroMQ

/// The embedded Malamute-compatible broker (wire.md §2.5): binds its endpoints and serves
/// mlm_client-compatible clients on a dedicated thread until ``stop()``.
///
/// Endpoints are bound before `init` returns, so clients may connect at once; a bind failure is
/// thrown from `init`. Sessions, streams, mailboxes and services live in broker memory only.
/// `stop()` is idempotent and synchronous; it also runs when the broker is deinitialized.
public final class MalamuteBroker: Sendable {
    /// The endpoints actually bound, in configuration order (`tcp://127.0.0.1:*` shows its port).
    public let boundEndpoints: [String]
    /// The configuration the broker was started with.
    public let configuration: BrokerConfiguration

    /// Our end of the control pipe; `nil` once stopped.
    private let control: Locked<ZMQSocket?>
    /// Signalled by the broker thread when its loop has ended and its sockets are closed.
    private let finished: DispatchSemaphore

    /// Binds `configuration.endpoints` and starts serving on a thread of its own.
    ///
    /// - Throws: ``MalamuteBrokerError/bindFailed(endpoint:underlying:)`` naming the endpoint that
    ///   could not be bound (e.g. address in use); nothing stays bound then.
    public init(
        configuration: BrokerConfiguration, logger: Logger = Logger(label: "malamute.broker")
    ) throws(MalamuteBrokerError) {
        let controlEndpoint = "inproc://malamute-broker-control-\(UUID().uuidString)"
        let startup = StartupReport()
        let finished = DispatchSemaphore(value: 0)
        let thread = Thread {
            // The sockets are created, used and closed on this thread only.
            let loop: BrokerLoop
            do throws(MalamuteBrokerError) {
                loop = try BrokerLoop(configuration: configuration, controlEndpoint: controlEndpoint, logger: logger)
            } catch {
                startup.report(.failure(error))
                finished.signal()
                return
            }
            startup.report(.success(loop.boundEndpoints))
            loop.run()
            finished.signal()
        }
        thread.name = "malamute-broker"
        thread.start()

        let endpoints: [String]
        switch startup.wait() {
        case .failure(let error):
            finished.wait()
            throw error
        case .success(let bound):
            endpoints = bound
        }
        let socket: ZMQSocket
        do {
            socket = try ZMQSocket(.pair)
            try socket.setOption(.linger, 0)
            try socket.connect(controlEndpoint)
        } catch {
            // Unreachable in practice (inproc to a bound PAIR); the thread then serves until exit.
            throw .socketSetupFailed(underlying: error)
        }
        self.boundEndpoints = endpoints
        self.configuration = configuration
        self.control = Locked(socket)
        self.finished = finished
    }

    deinit {
        stop()
    }

    /// Stops serving and waits until the broker thread has closed its sockets; safe to call twice.
    public func stop() {
        control.withLock { socket in
            guard let pipe = socket else { return }
            do {
                try pipe.send([[]])
            } catch {
                preconditionFailure("cannot signal the Malamute broker thread to stop: \(error)")
            }
            finished.wait()
            pipe.close()
            socket = nil
        }
    }
}

/// Hands the outcome of binding from the broker thread to `init`.
private final class StartupReport: Sendable {
    private let result = Locked<Result<[String], MalamuteBrokerError>?>(nil)
    private let ready = DispatchSemaphore(value: 0)

    func report(_ outcome: Result<[String], MalamuteBrokerError>) {
        result.withLock { $0 = outcome }
        ready.signal()
    }

    func wait() -> Result<[String], MalamuteBrokerError> {
        ready.wait()
        return result.withLock { $0! }
    }
}
