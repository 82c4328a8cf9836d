import Logging
import ServiceLifecycle

/// A ``ManagedServer`` as a service of the agent's `ServiceGroup`: `run()` waits for its turn
/// (``StartOrder``), starts the server, waits for the graceful shutdown (SIGTERM, SIGINT) or
/// the group's cancellation, then stops it.
///
/// A failing start ends `run()` with the server's error, which makes the group cancel the
/// services already running (each stops its server) and rethrow that error.
struct ManagedServerService: Service, CustomStringConvertible {
    let name: String
    let server: any ManagedServer
    let order: StartOrder
    let position: Int
    let logger: Logger
    /// The servers stopped together with this one (nil: this one stops alone, in its turn).
    var together: ParallelStop? = nil

    var description: String { name }

    func run() async throws {
        let (order, position) = (self.order, self.position)
        do {
            try await cancelWhenGracefulShutdown { try await order.waitForTurn(position) }
        } catch {
            logger.debug("not started: the agent is stopping", metadata: ["service": "\(name)"])
            return
        }
        // The turn and a shutdown can arrive together: a server whose turn comes once the agent
        // is already stopping is not started at all.
        if Task.isShuttingDownGracefully {
            logger.debug("not started: the agent is stopping", metadata: ["service": "\(name)"])
            return
        }
        let server = self.server
        try await Blocking.run("start \(name)") { try server.start() }
        order.started(position)
        // Cancellation (another service failed) ends the wait too: stop either way.
        try? await gracefulShutdown()
        logger.info("stopping", metadata: ["service": "\(name)"])
        if let together {
            await together.stopAll()
        } else {
            await Blocking.run("stop \(name)") { server.stop() }
        }
    }
}
