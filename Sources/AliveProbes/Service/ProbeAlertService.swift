import AbsenceWatch
import FtyProto
import Logging
import MalamuteClient

/// Sweeps the probes' ladders on a timer and publishes their absence alerts on `_ALERTS_SYS`
/// (issue 12 item 3).
///
/// Its own Malamute client, `fty-alert-engine-probes`, on a thread of its own: it exists only
/// when `--probes-file` is set, so without it nothing new connects to the bus. Every
/// ``sweepInterval`` it re-reads the probes file if it changed, counts the missed periods at
/// `clock()`, publishes what the monitor queued (the RESOLVED of reports included) and saves
/// the ladders (at most once per ``stateSaveInterval`` unless a rung changed).
public final class ProbeAlertService: Sendable {
    /// The client's name on the bus.
    public static let clientName = "fty-alert-engine-probes"

    private let monitor: ProbeMonitor
    private let endpoint: String
    private let credentials: PlainCredentials?
    private let sweepInterval: Duration
    private let clock: @Sendable () -> AbsenceInstant
    private let logger: Logger
    private let thread = ServerThread<MalamuteClientError>(name: "fty-alert-probes", alreadyStarted: .closed)

    /// Creates the service; nothing connects until ``start()``.
    public init(
        monitor: ProbeMonitor, endpoint: String, credentials: PlainCredentials? = nil,
        sweepInterval: Duration = .milliseconds(100), clock: @escaping @Sendable () -> AbsenceInstant, logger: Logger
    ) {
        self.monitor = monitor
        self.endpoint = endpoint
        self.credentials = credentials
        self.sweepInterval = sweepInterval
        self.clock = clock
        self.logger = logger
    }

    /// Connects and starts the thread; returns once the client is a producer on `_ALERTS_SYS`.
    public func start() throws(MalamuteClientError) {
        let (monitor, endpoint, credentials, interval, clock, logger) =
            (self.monitor, self.endpoint, self.credentials, self.sweepInterval, self.clock, self.logger)
        try thread.start(
            making: { () throws(MalamuteClientError) in
                ProbeLoop(
                    monitor: monitor, endpoint: endpoint, credentials: credentials, sweepInterval: interval, clock: clock,
                    logger: logger)
            },
            afterClose: { logger.info("probe service stopped") })
    }

    /// Stops the thread (the ladders are saved first); safe to call twice.
    public func stop() {
        thread.stop()
    }
}

/// The service's thread: sweep, publish, save; receiving keeps the session alive.
private final class ProbeLoop: ServerLoop {
    static let stateSaveInterval: Int64 = 1000

    let monitor: ProbeMonitor
    let client: MalamuteClient
    let sweepMilliseconds: Int64
    let clock: @Sendable () -> AbsenceInstant
    let logger: Logger
    var lastSave: Int64 = 0

    init(
        monitor: ProbeMonitor, endpoint: String, credentials: PlainCredentials?, sweepInterval: Duration,
        clock: @escaping @Sendable () -> AbsenceInstant, logger: Logger
    ) {
        self.monitor = monitor
        client = MalamuteClient(
            configuration: ClientConfiguration(endpoint: endpoint, name: ProbeAlertService.clientName, plainCredentials: credentials),
            logger: logger)
        sweepMilliseconds = max(1, sweepInterval.wholeMilliseconds)
        self.clock = clock
        self.logger = logger
    }

    func connect() throws(MalamuteClientError) {
        try client.connect()
        try client.setProducer(stream: FtyStreams.alertsSys)
        logger.info("watching \(monitor.count) probes from \(monitor.path)")
    }

    func run(until stopping: () -> Bool) {
        while !stopping() {
            turn()
            do {
                // Nothing is expected; receiving keeps the heartbeat and the recovery going.
                _ = try client.receive(timeout: .milliseconds(min(sweepMilliseconds, 50)))
            } catch {
                logger.error("probe service: \(error)")
            }
        }
        turn()
        save(force: true)
    }

    func close() {
        client.close()
    }

    private func turn() {
        let now = clock()
        do {
            try monitor.reload(now: now)
        } catch {
            logger.error("probes file not reloaded: \(error)")
        }
        monitor.sweep(now: now)
        let alerts = monitor.takeAlerts()
        for alert in alerts {
            let (subject, message) = alert.message
            do {
                try client.send(subject: WireString.cut(subject), content: [try FtyProtoCodec.encode(message)])
                logger.info("\(message.state) \(message.severity) \(message.rule)@\(message.name)")
            } catch {
                logger.error("probe service: could not publish \(subject): \(error)")
            }
        }
        save(force: !alerts.isEmpty || now.milliseconds - lastSave >= Self.stateSaveInterval)
    }

    private func save(force: Bool) {
        guard force else { return }
        lastSave = clock().milliseconds
        do {
            try monitor.saveState()
        } catch {
            logger.error("probes state not saved: \(error)")
        }
    }
}
