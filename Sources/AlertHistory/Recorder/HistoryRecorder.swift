import AlertEngine
import FtyProto
import Logging
import MalamuteClient

/// The recorder (issue 10 item 2): its own Malamute client, `fty-alert-history`, consumes
/// every alert on `_ALERTS_SYS` (from any producer: fty-alert-flexible, …) and on the alerts
/// stream (where fty-alert-list publishes ACK states); this engine's own alerts come in-process
/// instead, with their evidence (``AlertObserver``, the engine calls it after each send), and
/// their copies on the bus are skipped, so nothing is recorded twice. Both feed one
/// ``HistoryWriter``: a bounded queue written in batches on a thread of its own, so neither the
/// bus loop nor the engine ever waits for the disk. The store keeps only the transitions.
///
/// Alerts of our own webhook receiver (`fty-alert-webhook`) are skipped too: the receiver
/// recorded them already, under their partition.
public final class HistoryRecorder: AlertObserver, Sendable {
    /// The client's name on the bus.
    public static let clientName = "fty-alert-history"
    /// Senders whose alerts are already in the history when they reach the bus: our webhook
    /// receiver and this engine's two clients (recorded in-process, with evidence).
    public static let skippedSenders: Set<String> = [
        "fty-alert-webhook", EngineNames.mailboxClient, EngineNames.streamClient,
    ]

    /// The queue and its writer thread.
    public let writer: HistoryWriter
    private let thread = ServerThread<MalamuteClientError>(name: "fty-alert-history", alreadyStarted: .closed)
    private let endpoint: String
    private let credentials: PlainCredentials?
    private let alertsStream: String
    private let logger: Logger

    /// Creates the recorder writing through `writer`; nothing connects until ``start()``.
    public init(
        writer: HistoryWriter, endpoint: String, alertsStream: String, logger: Logger, credentials: PlainCredentials? = nil
    ) {
        self.credentials = credentials
        self.writer = writer
        self.endpoint = endpoint
        self.alertsStream = alertsStream
        self.logger = logger
    }

    /// Starts the writer, connects and subscribes; returns once the client consumes both streams.
    public func start() throws(MalamuteClientError) {
        writer.start()
        let (writer, endpoint, alertsStream, logger, credentials) =
            (self.writer, self.endpoint, self.alertsStream, self.logger, self.credentials)
        try thread.start(
            making: { () throws(MalamuteClientError) in
                RecorderLoop(
                    writer: writer, endpoint: endpoint, alertsStream: alertsStream, logger: logger, credentials: credentials)
            },
            afterClose: { logger.info("history recorder stopped") })
    }

    /// Disconnects, writes what is still queued, then stops; safe to call twice.
    public func stop() {
        thread.stop()
        writer.stop()
    }

    /// The engine hook: queues our publication with its evidence.
    public func published(_ publication: AlertPublication, evidence: EvaluationEvidence, producer: String) {
        writer.enqueue(
            ObservedAlert(
                time: Int64(clamping: publication.time) &* 1000, rule: publication.ruleField,
                element: publication.element, state: publication.state.rawValue, severity: publication.severity,
                description: publication.publishedDescription, actions: publication.actions, producer: producer,
                evidence: evidence))
    }

    /// The engine hook: queues a `pending` entry (issue 13 item 3; nothing is on the bus).
    public func pendingStarted(rule: String, candidate: AlertCandidate, time: UInt64, evidence: EvaluationEvidence) {
        writer.enqueue(
            ObservedAlert(
                time: Int64(clamping: time) &* 1000, rule: rule, element: candidate.element,
                state: ObservedAlert.pendingState, severity: candidate.severity, description: candidate.description,
                actions: candidate.actions, producer: EngineNames.streamClient, evidence: evidence))
    }
}

/// The recorder's bus thread: hands what the client receives to the writer's queue.
private final class RecorderLoop: ServerLoop {
    let client: MalamuteClient
    let writer: HistoryWriter
    let alertsStream: String
    let logger: Logger
    var skipped = 0

    init(writer: HistoryWriter, endpoint: String, alertsStream: String, logger: Logger, credentials: PlainCredentials?) {
        client = MalamuteClient(
            configuration: ClientConfiguration(
                endpoint: endpoint, name: HistoryRecorder.clientName, plainCredentials: credentials),
            logger: logger)
        self.writer = writer
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
            do {
                guard let delivery = try client.receive(timeout: .milliseconds(100)) else { continue }
                if let alert = observed(delivery) { writer.enqueue(alert) }
            } catch {
                logger.error("history recorder: \(error)")
            }
        }
    }

    func close() {
        client.close()
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
