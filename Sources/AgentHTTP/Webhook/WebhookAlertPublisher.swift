import AlertHistory
import FtyProto
import Logging
import MalamuteClient
import Synchronization

/// Publishes the changes the webhook receiver recorded as fty_proto ALERTs on `_ALERTS_SYS`
/// (`webhook/publish`, issue 10 item 6), so Prometheus alerts join the 42ity pipeline.
///
/// Its own Malamute client, `fty-alert-webhook`, owned by a thread of its own (a client is not
/// thread-safe, and its heartbeat needs a loop): the HTTP handlers hand records over through
/// ``enqueue(_:)``, which never blocks. The ALERT: `rule` = the record's rule (`alertname`),
/// `name` = its element, state ACTIVE or RESOLVED, its severity and description, no actions,
/// `time` = the record's time in seconds, `ttl` = `activeTTL` for ACTIVE (Alertmanager does not
/// re-send an unchanged alert before its repeat interval) and 0 for RESOLVED. Subject
/// `<rule>/<severity>@<element>` as the engine's (engine.md §7.4).
public final class WebhookAlertPublisher: Sendable {
    /// The client's name on the bus.
    public static let clientName = "fty-alert-webhook"
    /// The default ttl of an ACTIVE alert: one day.
    public static let defaultActiveTTL: UInt32 = 86_400

    private let endpoint: String
    private let credentials: PlainCredentials?
    private let activeTTL: UInt32
    private let logger: Logger
    private let queue = RecordQueue()
    private let thread = ServerThread<MalamuteClientError>(name: "fty-alert-webhook", alreadyStarted: .closed)

    /// Creates the publisher; nothing connects until ``start()``.
    public init(
        endpoint: String, activeTTL: UInt32 = defaultActiveTTL, logger: Logger, credentials: PlainCredentials? = nil
    ) {
        self.credentials = credentials
        self.endpoint = endpoint
        self.activeTTL = activeTTL
        self.logger = logger
    }

    /// Connects and starts the thread; returns once the client is a producer on `_ALERTS_SYS`.
    public func start() throws(MalamuteClientError) {
        let (endpoint, activeTTL, logger, queue, credentials) =
            (self.endpoint, self.activeTTL, self.logger, self.queue, self.credentials)
        try thread.start(
            making: { () throws(MalamuteClientError) in
                PublisherLoop(
                    endpoint: endpoint, activeTTL: activeTTL, logger: logger, queue: queue, credentials: credentials)
            },
            afterClose: { logger.info("webhook publisher stopped") })
    }

    /// Stops the thread (what is still queued is sent first); safe to call twice.
    public func stop() {
        thread.stop()
    }

    /// Queues `records` for publication; never waits.
    public func enqueue(_ records: [HistoryRecord]) {
        queue.append(records)
    }

    /// The ALERT and subject of one recorded change.
    public static func alert(for record: HistoryRecord, activeTTL: UInt32) -> (subject: String, alert: FtyAlert) {
        let active = record.state != "RESOLVED"
        let alert = FtyAlert(
            time: UInt64(max(0, record.time / 1000)), ttl: active ? activeTTL : 0, rule: record.rule, name: record.element,
            state: active ? "ACTIVE" : "RESOLVED", severity: record.severity, description: record.description, action: [])
        return ("\(record.rule)/\(record.severity)@\(record.element)", alert)
    }
}

/// The publisher's thread: sends what is queued, keeps the session alive.
private final class PublisherLoop: ServerLoop {
    let client: MalamuteClient
    let activeTTL: UInt32
    let logger: Logger
    let queue: RecordQueue

    init(endpoint: String, activeTTL: UInt32, logger: Logger, queue: RecordQueue, credentials: PlainCredentials?) {
        client = MalamuteClient(
            configuration: ClientConfiguration(
                endpoint: endpoint, name: WebhookAlertPublisher.clientName, plainCredentials: credentials),
            logger: logger)
        self.activeTTL = activeTTL
        self.logger = logger
        self.queue = queue
    }

    func connect() throws(MalamuteClientError) {
        try client.connect()
        try client.setProducer(stream: FtyStreams.alertsSys)
    }

    func run(until stopping: () -> Bool) {
        while !stopping() {
            sendQueued()
            do {
                // Nothing is expected; receiving keeps the heartbeat and the recovery going.
                _ = try client.receive(timeout: .milliseconds(20))
            } catch {
                logger.error("webhook publisher: \(error)")
            }
        }
        sendQueued()
    }

    func close() {
        client.close()
    }

    private func sendQueued() {
        let records = queue.takeAll()
        for record in records {
            let (subject, alert) = WebhookAlertPublisher.alert(for: record, activeTTL: activeTTL)
            do {
                try client.send(subject: WireString.cut(subject), content: [try FtyProtoCodec.encode(alert)])
            } catch {
                logger.error("webhook publisher: could not publish \(subject): \(error)")
            }
        }
    }
}

/// Records handed from the HTTP handlers to the publisher's thread.
private final class RecordQueue: Sendable {
    private let records = Mutex<[HistoryRecord]>([])

    func append(_ more: [HistoryRecord]) {
        records.withLock { $0.append(contentsOf: more) }
    }

    func takeAll() -> [HistoryRecord] {
        records.withLock { records in
            defer { records.removeAll(keepingCapacity: true) }
            return records
        }
    }
}
