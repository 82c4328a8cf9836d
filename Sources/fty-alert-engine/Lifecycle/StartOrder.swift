import Locking

/// Lets the services of a group start one after another in group order, while the group itself
/// starts them all at once: the engine must not connect before the embedded broker is bound.
///
/// The service at position `p` waits in ``waitForTurn(_:)`` until those at `0..<p` have called
/// ``started(_:)``. Stopping is already ordered by the service group (reverse order).
final class StartOrder: Sendable {
    private struct Waiter {
        var position: Int
        var continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        /// Positions `0..<startedCount` have started.
        var startedCount = 0
        var waiters: [Int: Waiter] = [:]
        /// Waits cancelled before they were registered.
        var cancelled: Set<Int> = []
        var nextID = 0
        /// How many services the group has (nil until ``expect(_:)``).
        var expected: Int?
    }

    private let state = Locked(State())

    init() {}

    /// Returns once every service before `position` has started.
    ///
    /// - Throws: `CancellationError` when the task is cancelled first.
    func waitForTurn(_ position: Int) async throws {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let outcome: Result<Void, any Error>? = state.withLock { state in
                    if state.cancelled.remove(id) != nil { return .failure(CancellationError()) }
                    if position <= state.startedCount { return .success(()) }
                    state.waiters[id] = Waiter(position: position, continuation: continuation)
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                guard let waiter = state.waiters.removeValue(forKey: id) else {
                    state.cancelled.insert(id)
                    return nil as Waiter?
                }
                return waiter
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }

    /// The group has `count` services: ``allStarted`` is true once each has started.
    func expect(_ count: Int) {
        state.withLock { $0.expected = count }
    }

    /// Whether every service of the group has started (the HTTP listener's `/ready`).
    var allStarted: Bool {
        state.withLock { state in state.expected.map { state.startedCount >= $0 } ?? false }
    }

    /// The service at `position` serves: the next one may start.
    func started(_ position: Int) {
        let ready = state.withLock { state in
            state.startedCount = max(state.startedCount, position + 1)
            let ready = state.waiters.filter { $0.value.position <= state.startedCount }
            for id in ready.keys { state.waiters[id] = nil }
            return Array(ready.values)
        }
        for waiter in ready { waiter.continuation.resume() }
    }
}
