import AlertEngine
import Foundation
import FtyProto
import Logging
import MalamuteClient
import Synchronization

/// Runs the agent's bus clients on a thread of their own until ``stop()``.
///
/// The engine server replaces the body of this loop when it lands; until then the agent opens the
/// original's two engine sessions (engine.md §1) with their producer and consumers and keeps them
/// alive, so peers see the names they expect on the bus.
final class AgentHost: Sendable {
    private let settings: AgentSettings
    private let logger: Logger
    private let stopping = Mutex(false)
    private let finished = DispatchSemaphore(value: 0)

    init(settings: AgentSettings, logger: Logger) {
        self.settings = settings
        self.logger = logger
    }

    /// Starts the client thread.
    func start() {
        let thread = Thread { [self] in
            defer { finished.signal() }
            do {
                try run()
            } catch {
                logger.error("agent stopped on a bus error", metadata: ["error": "\(error)"])
            }
        }
        thread.name = "fty-alert-engine"
        thread.start()
    }

    /// Asks the client thread to close its sessions and waits until it has.
    func stop() {
        stopping.withLock { $0 = true }
        finished.wait()
    }

    private func run() throws {
        let mailbox = MalamuteClient(
            configuration: ClientConfiguration(endpoint: settings.endpoint, name: EngineNames.mailboxClient),
            logger: logger)
        let stream = MalamuteClient(
            configuration: ClientConfiguration(endpoint: settings.endpoint, name: EngineNames.streamClient),
            logger: logger)
        defer {
            mailbox.close()
            stream.close()
        }
        try mailbox.connect()
        try mailbox.setProducer(stream: FtyStreams.alertsSys)
        try stream.connect()
        try stream.setProducer(stream: FtyStreams.alertsSys)
        try stream.setConsumer(stream: FtyStreams.metrics, pattern: ".*")
        try stream.setConsumer(stream: FtyStreams.metricsSensor, pattern: "status.*")
        try stream.setConsumer(stream: FtyStreams.metricsUnavailable, pattern: ".*")
        logger.info("connected", metadata: ["endpoint": "\(settings.endpoint)"])

        let clients = [mailbox, stream]
        while !stopping.withLock({ $0 }) {
            for index in try MalamuteClient.waitForAny(clients, timeout: .milliseconds(100)) {
                while let delivery = try clients[index].receive(timeout: .zero) {
                    logger.debug(
                        "ignored until the engine server lands",
                        metadata: ["client": "\(clients[index].name)", "subject": "\(delivery.subjectString)"])
                }
            }
        }
    }
}
