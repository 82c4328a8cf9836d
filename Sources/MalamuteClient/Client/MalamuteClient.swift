import CoreMetrics
import Logging
import MalamuteProtocol
import ZeroMQ

/// A Malamute client: one DEALER socket to the broker, driven by a ``ClientSession``.
///
/// Synchronous and owned by one thread: libzmq sockets are not thread-safe, so this class is
/// deliberately not `Sendable`. The client has no thread of its own; its heartbeat (a PING every
/// `configuration.heartbeat`), its expiry (4 heartbeats of silence → disconnected, pings go on)
/// and its recovery after a broker restart (ERROR 500 → re-open → replay) all run inside
/// ``connect()``, the subscription calls, ``receive(timeout:)``, ``receiveAny(_:timeout:)`` and
/// ``waitForAny(_:timeout:)``. **The owner thread must call one of them regularly** — at least
/// once per heartbeat — or the broker expires the session; they wait in zmq_poll with a timeout
/// bounded by the next timer, so a loop around them is enough. A thread that owns several
/// clients should loop on ``receiveAny(_:timeout:)``, which serves them fairly and keeps every
/// heartbeat going while one of them is flooded.
///
/// Calls that the broker answers (connect, producer / consumer / worker calls, close) wait up to
/// `configuration.timeout` for OK; deliveries that arrive meanwhile are queued for `receive`.
/// Sends are fire and forget (the broker never answers them, wire.md §3.5).
///
/// ```swift
/// let client = MalamuteClient(configuration: ClientConfiguration(endpoint: "ipc://@/malamute", name: "fty-alert-engine-stream"))
/// try client.connect()
/// try client.setProducer(stream: "_ALERTS_SYS")
/// try client.setConsumer(stream: "METRICS", pattern: ".*")
/// while running {
///     guard let delivery = try client.receive(timeout: .milliseconds(500)) else { continue }  // timers run meanwhile
///     try client.send(subject: "rule/CRITICAL@ups-1", content: [alertFrame])
/// }
/// client.close()
/// ```
///
/// Socket (wire.md §1): DEALER, no routing id, LINGER 0, RCVHWM 1000 as czmq. SNDHWM is 0
/// (unbounded) by default, for decisions.md D1: with a bounded queue a send blocks (or would have
/// to drop) when the broker is not reading, and a thread blocked in send stops reading, which is
/// the classic deadlock with a broker blocked on its own full queue towards us. Unbounded, a send
/// never waits and never drops. What can pile up is bounded in practice: the actors send in
/// reaction to what they receive from the broker, so while the broker is away little but one PING
/// per heartbeat is queued, and libzmq flushes it on reconnection.
public final class MalamuteClient: MalamuteBus {
    /// The settings this client was created with.
    public let configuration: ClientConfiguration
    /// This client's name (its mailbox address).
    public var name: String { configuration.name }

    let context: ZMQContext
    let logger: Logger
    let clock = ContinuousClock()
    var socket: ZMQSocket?
    var session: ClientSession
    var inbox = DeliveryQueue()
    /// Sends made while the session re-opens, released after the replay (see ``ClientSession``).
    var held: [(header: [UInt8], content: [[UInt8]])] = []
    var callResult: Result<Void, MalamuteClientError>?
    var popsSinceTimerCheck: UInt = 0
    /// When ``receiveAny(_:timeout:)`` last returned one of this client's deliveries (fairness).
    var lastServed: ContinuousClock.Instant?
    /// Self-metric: session re-opens (CONNECTION_OPEN again) after the broker lost the session.
    let reconnects: Counter

    /// Name of the reconnect counter (label `client`: the client's name).
    public static let reconnectsMetricName = "fty_alert_engine_bus_reconnects_total"

    /// Creates a client; nothing is sent until ``connect()``.
    ///
    /// `metricsFactory` receives the ``reconnectsMetricName`` counter; by default the factory
    /// `MetricsSystem` was bootstrapped with (none: no-op).
    public init(
        configuration: ClientConfiguration, context: ZMQContext = .shared,
        logger: Logger = Logger(label: "malamute-client"), metricsFactory: any MetricsFactory = MetricsSystem.factory
    ) {
        self.configuration = configuration
        self.context = context
        var logger = logger
        logger[metadataKey: "client"] = "\(configuration.name)"
        self.logger = logger
        self.session = ClientSession(address: Array(configuration.name.utf8), timing: configuration.timing)
        reconnects = Counter(
            label: Self.reconnectsMetricName, dimensions: [("client", configuration.name)], factory: metricsFactory)
    }

    /// Whether the session is open and the broker answers (false while recovering or disconnected).
    public var isConnected: Bool { session.isConnected }

    /// The session's state, for diagnostics.
    public var state: ClientSession.State { session.state }

    // MARK: Calls answered by the broker

    /// Connects to `configuration.endpoint` and opens the session under `configuration.name`.
    ///
    /// Waits up to `configuration.timeout` for OK; throws ``MalamuteClientError/timedOut(_:after:)``
    /// if the broker does not answer ("Server is not reachable"). Calling it again after a failure
    /// starts over on a fresh socket; on a connected client it does nothing.
    public func connect() throws(MalamuteClientError) {
        _ = try WireString.bytes(configuration.name, field: "name")
        if session.state == .start { try openSocket() }
        try call(.connect)
    }

    /// Makes this client the producer of `stream` (a later call replaces it); waits for OK.
    public func setProducer(stream: String) throws(MalamuteClientError) {
        try call(.command(.setProducer(stream: WireString.bytes(stream, field: "stream"))))
    }

    /// Subscribes to `stream` for subjects matching the SLRE `pattern`; waits for OK.
    ///
    /// An invalid pattern is refused with ``MalamuteClientError/invalidPattern(_:)`` and nothing
    /// is sent (wire.md §3.2, decisions.md D7).
    public func setConsumer(stream: String, pattern: String) throws(MalamuteClientError) {
        let command = ClientCommand.setConsumer(
            stream: try WireString.bytes(stream, field: "stream"),
            pattern: try WireString.bytes(pattern, field: "pattern"))
        try call(.command(command))
    }

    /// Drops every subscription on `stream`; waits for OK.
    public func removeConsumer(stream: String) throws(MalamuteClientError) {
        try call(.command(.removeConsumer(stream: WireString.bytes(stream, field: "stream"))))
    }

    /// Offers to work for `service` on subjects matching `pattern`; waits for OK.
    public func setWorker(service: String, pattern: String) throws(MalamuteClientError) {
        let command = ClientCommand.setWorker(
            service: try WireString.bytes(service, field: "service"),
            pattern: try WireString.bytes(pattern, field: "pattern"))
        try call(.command(command))
    }

    /// Ends the session: CONNECTION_CLOSE, then waits up to `configuration.closeTimeout` for OK.
    ///
    /// Never fails; afterwards every call throws ``MalamuteClientError/closed``. Undelivered
    /// deliveries are dropped.
    public func close() {
        guard session.state != .closed else { return }
        do {
            try call(.close)
        } catch {
            logger.debug("close: \(error)")
        }
        finishClosing()
    }

    // MARK: Fire and forget

    /// Publishes on the producer stream (STREAM_SEND). Call ``setProducer(stream:)`` first.
    public func send(subject: String, content: [[UInt8]]) throws(MalamuteClientError) {
        try submit(.streamSend(subject: WireString.bytes(subject, field: "subject"), content: content))
    }

    /// Sends mail to the client named `address` (MAILBOX_SEND). `tracker` is echoed to the
    /// recipient; `timeout` is carried in milliseconds but ignored by brokers (wire.md §2.5.11).
    public func sendTo(
        address: String, subject: String, content: [[UInt8]], tracker: String = "", timeout: Duration = .zero
    ) throws(MalamuteClientError) {
        try submit(
            .mailboxSend(
                address: WireString.bytes(address, field: "address"),
                subject: WireString.bytes(subject, field: "subject"),
                tracker: WireString.bytes(tracker, field: "tracker"), timeout: Self.milliseconds(timeout),
                content: content))
    }

    /// Answers `delivery` by mail (MAILBOX_SEND) to its sender, with its subject and tracker.
    ///
    /// The sender, subject and tracker go back as the exact bytes received, without a round trip
    /// through `String` (which would also replace a non-UTF-8 sender name and miss its mailbox).
    /// Same conventions as ``sendTo(address:subject:content:tracker:timeout:)``.
    public func reply(
        to delivery: MalamuteDelivery, content: [[UInt8]], timeout: Duration = .zero
    ) throws(MalamuteClientError) {
        // A delivery built by hand may hold fields longer than the wire allows (wire.md §2.2 rule 1).
        try submit(
            .mailboxSend(
                address: WireString.checked(delivery.sender, field: "address"),
                subject: WireString.checked(delivery.subject, field: "subject"),
                tracker: WireString.checked(delivery.tracker, field: "tracker"), timeout: Self.milliseconds(timeout),
                content: content))
    }

    /// Sends a request to `service` (SERVICE_SEND); same conventions as ``sendTo(address:subject:content:tracker:timeout:)``.
    public func sendFor(
        service: String, subject: String, content: [[UInt8]], tracker: String = "", timeout: Duration = .zero
    ) throws(MalamuteClientError) {
        try submit(
            .serviceSend(
                address: WireString.bytes(service, field: "service"),
                subject: WireString.bytes(subject, field: "subject"),
                tracker: WireString.bytes(tracker, field: "tracker"), timeout: Self.milliseconds(timeout),
                content: content))
    }

    /// Sends a service request of string frames (each string one frame, no NUL).
    @_disfavoredOverload
    public func sendFor(
        service: String, subject: String, content: [String], tracker: String = "", timeout: Duration = .zero
    ) throws(MalamuteClientError) {
        try sendFor(
            service: service, subject: subject, content: content.map { Array($0.utf8) }, tracker: tracker,
            timeout: timeout)
    }

    // MARK: Receiving

    /// Returns the next STREAM / MAILBOX / SERVICE delivery, or `nil` once `timeout` has passed
    /// (`nil` = wait for ever, `.zero` = only what has already arrived, including what libzmq has
    /// queued — under a flood that never runs dry, so bound a `.zero` loop).
    ///
    /// While it waits it answers nothing but runs the protocol: PONG, OK, ERROR, heartbeats and
    /// recovery. Throws ``MalamuteClientError/closed`` after ``close()``.
    public func receive(timeout: Duration?) throws(MalamuteClientError) -> MalamuteDelivery? {
        try ensureOpen(.receive)
        let deadline = timeout.map { clock.now + $0 }
        while true {
            if let delivery = inbox.popFirst() {
                // Keeps the heartbeat going even when the inbox never runs dry; every 64th
                // delivery is often enough and spares a clock read per message.
                popsSinceTimerCheck &+= 1
                if popsSinceTimerCheck & 63 == 0 { try serviceTimers(now: clock.now) }
                return delivery
            }
            let progressed = try service()
            if !inbox.isEmpty || progressed { continue }
            let now = clock.now
            if let deadline, now >= deadline { return nil }
            try wait(on: [self], until: deadline, now: now)
        }
    }
}
