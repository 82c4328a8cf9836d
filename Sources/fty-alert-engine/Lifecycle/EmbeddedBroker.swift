import Locking
import Logging
import MalamuteBroker

/// The Malamute-compatible broker as a ``ManagedServer``: bound by `start()`, unbound by `stop()`.
final class EmbeddedBroker: ManagedServer {
    let configuration: BrokerConfiguration
    let logger: Logger
    private let broker = Locked<MalamuteBroker?>(nil)

    /// A broker for `configuration`; nothing is bound until ``start()``.
    init(configuration: BrokerConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Binds every endpoint; throws naming the endpoint that cannot be bound.
    func start() throws {
        let started = try MalamuteBroker(configuration: configuration, logger: logger)
        broker.withLock { $0 = started }  // the broker logs its endpoints itself
    }

    func stop() {
        let running = broker.withLock { broker in
            defer { broker = nil }
            return broker
        }
        running?.stop()
    }
}
