import Locking

/// Stops the agent's bus servers all at once (issue 14 item 4).
///
/// The service group stops its services one after another in reverse order; with a broker that
/// never answers CONNECTION_CLOSE, each server's clients would wait out their close timeout in
/// turn. Instead, the first of these servers told to stop stops every one of them together, so
/// the whole shutdown takes one close timeout; the others' services find theirs already stopped.
/// The embedded broker is not one of them: it stops last, once every client has said goodbye.
final class ParallelStop: Sendable {
    private let servers: [(name: String, server: any ManagedServer)]
    private let stopping = Locked<Task<Void, Never>?>(nil)

    /// Stops `servers` together when ``stopAll()`` is first called.
    init(_ servers: [(name: String, server: any ManagedServer)]) {
        self.servers = servers
    }

    /// Stops every server at once, each on a thread of its own, and returns once all have
    /// stopped; later calls wait for the same stop.
    func stopAll() async {
        let servers = self.servers
        let task = stopping.withLock { task in
            if let task { return task }
            let started = Task {
                await withTaskGroup(of: Void.self) { group in
                    for (name, server) in servers {
                        group.addTask { await Blocking.run("stop \(name)") { server.stop() } }
                    }
                }
            }
            task = started
            return started
        }
        await task.value
    }
}
