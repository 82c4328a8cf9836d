import FtyProto
import Logging
import MalamuteClient

/// The recorder (issue 10 item 2): its own Malamute client, `fty-alert-history`, consumes
/// every alert on `_ALERTS_SYS` (from any producer: this engine, fty-alert-flexible, …) and on
/// the alerts stream (where fty-alert-list publishes ACK states), and appends them to the
/// history in batches on a thread of its own; the store keeps only the transitions.
///
/// The engine's loop never waits for it: the recorder reads the broker's copy of each alert.
/// Alerts of our own webhook receiver (`fty-alert-webhook`) are skipped: the receiver recorded
/// them already, under their partition. Retention runs after each batch, a bounded slice at a
/// time.
public final class HistoryRecorder: Sendable {
    /// The client's name on the bus.
    public static let clientName = "fty-alert-history"
    /// Senders whose alerts are already in the history when they reach the bus.
    public static let skippedSenders: Set<String> = ["fty-alert-webhook"]

    private let thread = ServerThread<MalamuteClientError>(name: "fty-alert-history", alreadyStarted: .closed)
    private let store: HistoryStore
    private let endpoint: String
    private let alertsStream: String
    private let logger: Logger

    /// Creates the recorder; nothing connects until ``start()``.
    public init(store: HistoryStore, endpoint: String, alertsStream: String, logger: Logger) {
        self.store = store
        self.endpoint = endpoint
        self.alertsStream = alertsStream
        self.logger = logger
    }

    /// Connects and subscribes; returns once the client consumes both streams.
    public func start() throws(MalamuteClientError) {
        let (store, endpoint, alertsStream, logger) = (self.store, self.endpoint, self.alertsStream, self.logger)
        try thread.start(
            making: { () throws(MalamuteClientError) in
                RecorderLoop(store: store, endpoint: endpoint, alertsStream: alertsStream, logger: logger)
            },
            afterClose: { logger.info("history recorder stopped") })
    }

    /// Records what is still waiting, then stops; safe to call twice.
    public func stop() {
        thread.stop()
    }
}

/// The recorder's thread: takes what the client received, appends it in one transaction.
private final class RecorderLoop: ServerLoop {
    /// Alerts appended in one transaction at most.
    static let batch = 512

    let client: MalamuteClient
    let store: HistoryStore
    let alertsStream: String
    let logger: Logger
    var skipped = 0

    init(store: HistoryStore, endpoint: String, alertsStream: String, logger: Logger) {
        client = MalamuteClient(
            configuration: ClientConfiguration(endpoint: endpoint, name: HistoryRecorder.clientName), logger: logger)
        self.store = store
        self.alertsStream = alertsStream
        self.logger = logger
    }

    func connect() throws(MalamuteClientError) {
        try client.connect()
        try client.setConsumer(stream: FtyStreams.alertsSys, pattern: ".*")
        if alertsStream != FtyStreams.alertsSys { try client.setConsumer(stream: alertsStream, pattern: ".*") }
    }

    func run(until stopping: () -> Bool) {
        while !stopping() {
            var alerts: [ObservedAlert] = []
            do {
                var wait: Duration? = .milliseconds(100)
                while alerts.count < Self.batch, let delivery = try client.receive(timeout: wait) {
                    wait = .zero
                    if let alert = observed(delivery) { alerts.append(alert) }
                }
            } catch {
                logger.error("history recorder: \(error)")
            }
            record(alerts)
        }
    }

    func close() {
        client.close()
    }

    private func record(_ alerts: [ObservedAlert]) {
        guard !alerts.isEmpty else { return }
        do {
            _ = try store.append(alerts)
            _ = try store.enforceRetention(now: alerts.map(\.time).max() ?? 0)
        } catch {
            logger.error("history recorder: \(alerts.count) alerts not recorded: \(error)")
        }
    }

    /// The alert of a stream delivery, or nil (logged) when it is none.
    private func observed(_ delivery: MalamuteDelivery) -> ObservedAlert? {
        guard delivery.kind == .stream else { return nil }
        let sender = delivery.senderString
        if HistoryRecorder.skippedSenders.contains(sender) { return nil }
        guard case .alert(let alert)? = try? FtyProtoCodec.decode(delivery.content) else {
            skipped += 1
            // One line for the first and then every 1,000th, so garbage cannot flood the log.
            if skipped % 1000 == 1 {
                logger.warning(
                    "history recorder: skipped \(skipped) messages that are not fty_proto ALERTs (last on \(delivery.addressString) from \(sender))")
            }
            return nil
        }
        return ObservedAlert(
            time: Int64(clamping: alert.time) * 1000, rule: alert.rule, element: alert.name, state: alert.state,
            severity: alert.severity, description: alert.description, actions: alert.action, producer: sender)
    }
}
