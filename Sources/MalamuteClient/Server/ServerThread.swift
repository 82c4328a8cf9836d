import Locking
import Foundation
import Synchronization

/// The named thread an actor's server runs its ``ServerLoop`` on: it makes and connects the loop,
/// reports whether that worked, then serves until ``stop()``.
///
/// The engine, autoconfig and alert-actions servers each own one (engine.md §1: each actor is one
/// thread owning its Malamute clients, so its state needs no locks).
///
/// The life is idle → running → stopped and never goes back: a second ``start(making:afterClose:)``,
/// or one after ``stop()``, throws the `alreadyStarted` error given at creation. Dropping the
/// value stops the thread as ``stop()`` does.
///
/// ```swift
/// let thread = ServerThread<EngineServerError>(name: "fty-alert-engine", alreadyStarted: .alreadyStarted)
/// try thread.start(
///     making: { () throws(EngineServerError) in try EngineLoop(configuration: configuration, logger: logger, audit: nil) },
///     afterClose: { logger.info("engine server stopped") })
/// …
/// thread.stop()   // the loop's run(until:) returns, it is closed; then stop() returns
/// ```
public final class ServerThread<Failure: Error>: Sendable {
    /// Where the thread is in its life.
    private enum Phase {
        case idle
        case running(finished: DispatchSemaphore)
        case stopped
    }

    /// The thread's name, as debuggers and `top -H` show it.
    public let name: String
    private let alreadyStarted: Failure
    private let phase = Locked(Phase.idle)
    /// Shared with the thread, which must not hold `self` (deinit stops the thread).
    private let stopping = StopFlag()

    /// Creates the handle; no thread runs until ``start(making:afterClose:)``.
    ///
    /// - Parameter alreadyStarted: what ``start(making:afterClose:)`` throws when called a second
    ///   time or after ``stop()``.
    public init(name: String, alreadyStarted: Failure) {
        self.name = name
        self.alreadyStarted = alreadyStarted
    }

    deinit {
        stop()
    }

    /// Starts the thread and returns once the loop is connected on it.
    ///
    /// On the new thread: `makeLoop()` makes the loop and ``ServerLoop/connect()`` connects it.
    /// If either throws, the loop (if made) is closed, the thread ends and this call throws the
    /// same error once the thread is gone: nothing keeps running, the handle is stopped.
    /// Otherwise this call returns while the thread runs the loop until ``stop()``, then closes
    /// it and calls `afterClose`.
    ///
    /// - Throws: the error of `makeLoop` or `connect()`, or `alreadyStarted` when this is not
    ///   the first call (or ``stop()`` came first).
    public func start<Loop: ServerLoop>(
        making makeLoop: @escaping @Sendable () throws(Failure) -> Loop,
        afterClose: @escaping @Sendable () -> Void
    ) throws(Failure) where Loop.ConnectFailure == Failure {
        try phase.withLock { phase throws(Failure) in
            guard case .idle = phase else { throw alreadyStarted }
            let startup = Locked<Result<Void, Failure>?>(nil)
            let ready = DispatchSemaphore(value: 0)
            let finished = DispatchSemaphore(value: 0)
            let stopping = self.stopping
            let thread = Thread {
                defer { finished.signal() }
                let loop: Loop
                do throws(Failure) {
                    loop = try makeLoop()
                    do throws(Failure) {
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
                afterClose()
            }
            thread.name = name
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

    /// Asks the loop to stop and waits until it is closed and the thread has ended; safe to call
    /// twice, or before ``start(making:afterClose:)`` (which then throws `alreadyStarted`).
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

/// A flag the server thread polls between loop turns.
private final class StopFlag: Sendable {
    private let flag = Atomic(false)

    var isRaised: Bool { flag.load(ordering: .acquiring) }

    func raise() { flag.store(true, ordering: .releasing) }
}
