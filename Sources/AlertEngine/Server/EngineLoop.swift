#if canImport(Glibc)
import Glibc
#endif
import AbsenceWatch
import FtyProto
import Logging
import MalamuteClient

/// The engine thread's state: the two bus clients, the engine core, the rules directory watcher
/// and the timers (engine.md §1, decisions.md D1).
///
/// Created, used and dropped on the engine thread only, so the core needs no locks and the
/// metrics of one stream are evaluated in arrival order. Every failure inside the loop is logged
/// and the loop goes on.
final class EngineLoop {
    /// Deliveries taken from each client (mailbox, stream) before the other gets its turn.
    ///
    /// Small for the mailbox: a lone ADD, an update or a DELETE waits for two fsyncs (D6), tens
    /// of milliseconds on a busy disk, and metrics should not wait behind many of them (runs of
    /// ADDs are committed together, see `mailboxGroupLimit`).
    static let batches = [8, 64]
    /// Mailbox deliveries taken in one turn when they are plain ADDs, whose files are committed
    /// together (``GroupCommitStorage``): a group of them costs little more than one ADD. Other
    /// requests still count against `batches[0]`.
    static let mailboxGroupLimit = 256
    /// The longest the loop waits on the bus, so the watcher is drained at least this often.
    static let tick: Duration = .milliseconds(100)
    /// The send timeout carried by replies (engine.md conventions: 1000 ms).
    static let replyTimeout: Duration = .milliseconds(1000)
    /// The sender whose stream messages the original drops unread (engine.md §1).
    static let ignoredSender = Array("fty_info_linuxmetrics".utf8)

    let configuration: EngineConfiguration
    let logger: Logger
    /// The `audit/alarms` logger: one INFO line per alert transition published (engine.md §13).
    let audit: Logger?
    let directory: RuleDirectory
    let watcher: RuleDirectoryWatcher?
    let core: EngineCore
    /// The core's storage: the rules directory, with group commit of ADDs.
    let storage: GroupCommitStorage
    let shm: ShmMetricStore?
    let mailbox: MalamuteClient
    let stream: MalamuteClient
    /// The heartbeat's producer on `METRICS` (issue 12 item 4); nil when the heartbeat is off.
    let heartbeatClient: MalamuteClient?
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var heartbeatTimer: PeriodicTimer?
    private var purgeTimer: PeriodicTimer
    private var shmTimer: PeriodicTimer?
    /// The absence ladders (issue 12); nil while no rule has an `expect` member, so an engine
    /// without expectations runs no sweep and publishes nothing more.
    private var absence: AbsenceSupervisor?
    /// The rule store version the expectations were last taken from.
    private var absenceVersion: UInt64?
    /// The absence sweep, due every ``absenceSweepPeriod`` while there are expectations.
    private var absenceTimer: PeriodicTimer?
    /// How often the absence ladders are swept (a period shorter than this is counted late,
    /// but counted: the tracker counts every period that elapsed).
    static let absenceSweepPeriod: Duration = .milliseconds(50)
    private var skipped = SkippedMessageLog()
    private var watchEnded = false

    /// Opens the rules directory, starts watching it, then lists and loads it (engine.md §10.2).
    ///
    /// The watcher comes first so that a file dropped while listing is not missed (it may be
    /// both listed and reported; loading it twice changes nothing).
    init(configuration: EngineConfiguration, logger: Logger, audit: Logger?) throws(EngineServerError) {
        let path = configuration.rulesDirectory
        do {
            directory = try RuleDirectory(path: path, logger: logger)
        } catch {
            throw .rulesDirectory(path: path, error)
        }
        #if os(Linux)
        do {
            watcher = try RuleDirectoryWatcher(directory: directory)
        } catch {
            throw .rulesDirectory(path: path, error)
        }
        #else
        watcher = nil
        #endif
        let shm = configuration.shmDirectory.map { ShmMetricStore(root: $0, autoclean: configuration.autoclean) }
        self.shm = shm
        self.configuration = configuration
        self.logger = logger
        self.audit = audit
        storage = GroupCommitStorage(directory: directory)
        core = EngineCore(
            storage: storage, now: Self.wallClock, logger: logger,
            shmHasMetric: { topic in Self.shmHas(topic, in: shm, logger: logger) },
            assetInfo: configuration.assetInfo, luaLimits: configuration.luaLimits, dialect: configuration.dialect, audit: audit,
            metricPresence: configuration.metricPresence)
        core.alertObserver = configuration.alertObserver
        // EngineCore.load logs the counts and every skipped file.
        do {
            try core.load(from: directory)
        } catch {
            throw .rulesDirectory(path: path, error)
        }
        if let journalPath = configuration.stateJournal {
            do {
                core.restore(from: try StateJournal(path: journalPath))
            } catch {
                throw .stateJournal(path: journalPath, error)
            }
        }
        MemoryTrim.releaseFreedPages()
        func client(_ name: String) -> MalamuteClient {
            MalamuteClient(
                configuration: ClientConfiguration(
                    endpoint: configuration.endpoint, name: name, timeout: configuration.clientTimeout,
                    plainCredentials: configuration.plainCredentials),
                logger: logger)
        }
        mailbox = client(EngineNames.mailboxClient)
        stream = client(EngineNames.streamClient)
        heartbeatClient = configuration.heartbeat == nil ? nil : client(HeartbeatSettings.clientName)
        let now = clock.now
        started = now
        heartbeatTimer = configuration.heartbeat.map { PeriodicTimer(period: $0.period, start: now) }
        purgeTimer = PeriodicTimer(period: configuration.metricPurgeInterval, start: now)
        shmTimer = shm == nil ? nil : PeriodicTimer(period: configuration.shmPollInterval, start: now)
    }

    /// Wall-clock UNIX seconds.
    static func wallClock() -> UInt64 { UInt64(max(0, time(nil))) }

    /// Whether fty-shm holds a valid metric of `topic` (the Xphase fallback, engine.md §9.4).
    private static func shmHas(_ topic: String, in store: ShmMetricStore?, logger: Logger) -> Bool {
        guard let store, let at = topic.utf8.firstIndex(of: UInt8(ascii: "@")) else { return false }
        let quantity = String(topic[..<at])
        let asset = String(topic[topic.utf8.index(after: at)...])
        do {
            return try store.read(quantity: quantity, asset: asset, now: Int(wallClock())) != nil
        } catch {
            logger.debug("fty-shm metric \(topic) does not count as present: \(error)")
            return false
        }
    }

    // MARK: Connecting (engine.md §1)

    /// Connects both clients with the original's names, producers and consumers.
    func connect() throws(EngineServerError) {
        let endpoint = configuration.endpoint
        do {
            try mailbox.connect()
            try mailbox.setProducer(stream: FtyStreams.alertsSys)
        } catch {
            throw .broker(endpoint: endpoint, client: mailbox.name, error)
        }
        do {
            try stream.connect()
            try stream.setProducer(stream: FtyStreams.alertsSys)
            // decisions.md D1: METRICS is the primary input; the rest as the original (§1).
            try stream.setConsumer(stream: FtyStreams.metrics, pattern: ".*")
            try stream.setConsumer(stream: FtyStreams.metricsSensor, pattern: "status.*")
            try stream.setConsumer(stream: FtyStreams.metricsUnavailable, pattern: ".*")
            try stream.setConsumer(stream: FtyStreams.licensingAnnouncements, pattern: ".*")
        } catch {
            throw .broker(endpoint: endpoint, client: stream.name, error)
        }
        if let heartbeatClient {
            do {
                try heartbeatClient.connect()
                try heartbeatClient.setProducer(stream: FtyStreams.metrics)
            } catch {
                throw .broker(endpoint: endpoint, client: heartbeatClient.name, error)
            }
            logger.info("publishing \(HeartbeatSettings.topic) on \(FtyStreams.metrics) as \(heartbeatClient.name)")
        }
        logger.info("connected to \(endpoint) as \(mailbox.name) and \(stream.name)")
    }

    /// Closes both clients and the watcher.
    func close() {
        core.closeJournal()
        // Both CONNECTION_CLOSEs wait side by side: one close timeout at most (issue 14 item 4).
        MalamuteClient.close([mailbox, stream] + (heartbeatClient.map { [$0] } ?? []))
        watcher?.close()
    }

    // MARK: The loop

    /// Serves the bus, the watcher and the timers until `stopping` returns true.
    func run(until stopping: () -> Bool) {
        let clients = [mailbox, stream]
        var lastDrain = clock.now
        while !stopping() {
            configuration.loopHook?()
            configuration.loopTurns?.bump()
            do {
                let ready = try MalamuteClient.waitForAny(clients, timeout: waitTime())
                for index in ready {
                    if index == 0 {
                        try serveMailbox()
                        continue
                    }
                    for _ in 0..<Self.batches[index] {
                        guard let delivery = try clients[index].receive(timeout: .zero) else { break }
                        handleStream(delivery)
                    }
                }
            } catch {
                logger.error("engine bus loop: \(error)")
                sleepAfterError()
            }
            let now = clock.now
            if now - lastDrain >= Self.tick / 2 {
                drainWatcher()
                lastDrain = now
            }
            syncAbsence(now: now)
            runTimers(now: now)
            configuration.whyDesk?.answerWaiting(
                with: { rule, element in core.whyReport(rule: rule, element: element) },
                expectations: expectationsReport)
            core.flushSelfMetrics()
            core.syncJournalIfDue()
        }
    }

    /// At most one tick, less when a timer is due sooner.
    private func waitTime() -> Duration {
        var wake = purgeTimer.deadline
        if let shmTimer, shmTimer.deadline < wake { wake = shmTimer.deadline }
        if let heartbeatTimer, heartbeatTimer.deadline < wake { wake = heartbeatTimer.deadline }
        if let absenceTimer, absenceTimer.deadline < wake { wake = absenceTimer.deadline }
        let until = wake - clock.now
        return max(.zero, min(Self.tick, until))
    }

    /// Keeps a persistent socket failure from spinning the loop.
    private func sleepAfterError() {
        var pause = timespec(tv_sec: 0, tv_nsec: 100_000_000)
        nanosleep(&pause, nil)
    }

    private func runTimers(now: ContinuousClock.Instant) {
        if purgeTimer.fire(now: now) { core.purgeMetrics() }
        if var timer = shmTimer, timer.fire(now: now) {
            shmTimer = timer
            pollShm()
        }
        if var timer = heartbeatTimer, timer.fire(now: now) {
            heartbeatTimer = timer
            sendHeartbeat(now: now)
        }
        if var timer = absenceTimer, timer.fire(now: now), let absence {
            absenceTimer = timer
            publish(absence.sweep(now: AbsenceInstant.now()), on: stream)
            saveAbsence(absence)
        }
    }

    // MARK: Absence of expected metrics (issue 12)

    /// Restores the ladders saved by the previous run: a rung survives a restart, and an alert
    /// already published is not published again.
    private func restoreAbsence(_ supervisor: AbsenceSupervisor, now: AbsenceInstant) {
        let file = AbsenceStateFile(directory: directory.path)
        do {
            let saved = try file.read()
            supervisor.restore(saved, now: now)
            _ = supervisor.takeChanged()
            if !saved.isEmpty { logger.info("absence watch: restored \(saved.count) ladders from \(file.path)") }
        } catch {
            logger.warning("ignoring absence state \(file.path): \(error)")
        }
    }

    /// The engine's expected signals (only those at `rung` when given): `expectations`.
    private func expectationsReport(rung: AbsenceRung?) -> ExpectationsReport {
        absence.map { ExpectationsReport($0.tracker, rung: rung) } ?? .empty
    }

    /// Writes the ladders and sets the rung gauges when a rung changed since the last write (at
    /// most once per sweep).
    private func saveAbsence(_ supervisor: AbsenceSupervisor) {
        guard supervisor.takeChanged() else { return }
        core.countExpectations(supervisor.tracker.rungCounts)
        let file = AbsenceStateFile(directory: directory.path)
        do {
            try file.write(supervisor.tracker.saved)
        } catch {
            logger.warning("could not save the absence state to \(file.path): \(error)")
        }
    }

    /// Takes the expectations from the rules again when the rules changed. Until a rule expects
    /// something nothing is created, so the bus traffic of such an engine stays as it was.
    private func syncAbsence(now: ContinuousClock.Instant) {
        let version = core.store.version
        guard version != absenceVersion else { return }
        absenceVersion = version
        var expecting: [Rule] = []
        core.store.forEachRule { rule in if rule.expectation != nil { expecting.append(rule) } }
        if expecting.isEmpty && absence == nil { return }
        let fresh = absence == nil
        let supervisor = absence ?? AbsenceSupervisor(global: configuration.absenceLadder, settle: configuration.absenceSettle)
        absence = supervisor
        let instant = AbsenceInstant.now()
        publish(supervisor.sync(rules: expecting, now: instant), on: stream)
        if fresh { restoreAbsence(supervisor, now: instant) }
        core.countExpectations(supervisor.tracker.rungCounts)
        if absenceTimer == nil {
            absenceTimer = PeriodicTimer(period: Self.absenceSweepPeriod, start: now)
            logger.info("absence watch: \(supervisor.tracker.count) expected topics")
        }
    }

    /// Publishes the heartbeat METRIC under `heartbeat@fty-alert-engine` (issue 12 item 4).
    private func sendHeartbeat(now: ContinuousClock.Instant) {
        guard let heartbeat = configuration.heartbeat, let heartbeatClient else { return }
        let uptime = UInt64(max(0, (now - started).components.seconds))
        do {
            let frame = try FtyProtoCodec.encode(.metric(heartbeat.metric(now: Self.wallClock(), uptime: uptime)))
            try heartbeatClient.send(subject: HeartbeatSettings.topic, content: [frame])
        } catch {
            logger.warning("could not publish the heartbeat: \(error)")
        }
    }

    // MARK: Stream client (evaluation path, engine.md §5, §7.3)

    private func handleStream(_ delivery: MalamuteDelivery) {
        guard delivery.kind == .stream else {
            logger.debug("stream client: ignoring \(delivery.kind) message", metadata: ["client": "\(delivery.senderString)"])
            return
        }
        if delivery.sender == Self.ignoredSender { return }  // engine.md §1
        switch delivery.addressString {
        case FtyStreams.metricsUnavailable:
            if FtyProtoCodec.isFtyProto(delivery.content) {
                skipped.record(now: clock.now, logger: logger, "fty_proto on \(FtyStreams.metricsUnavailable)")
                return
            }
            publish(core.handleUnavailable(frames: delivery.content), on: stream)
            if let absence, let notice = try? MetricUnavailableNotice.parse(delivery.content) {
                publish(absence.unavailable(topic: notice.topic, now: AbsenceInstant.now()), on: stream)
                core.countExpectations(absence.tracker.rungCounts)
            }
        case FtyStreams.licensingAnnouncements:
            // Consumed as the original does, which decodes fty_proto there and discards it
            // (engine.md §1); the engine has no use for licensing limits.
            let message = FtyProtoCodec.isFtyProto(delivery.content) ? try? FtyProtoCodec.decode(delivery.content) : nil
            logger.trace("ignoring licensing announcement \(delivery.subjectString): \(message.map { "\($0)" } ?? "-")")
        default:
            handleMetricMessage(delivery)
        }
    }

    /// A METRICS / `_METRICS_SENSOR` publication: one fty_proto METRIC through §5.2 (D1).
    private func handleMetricMessage(_ delivery: MalamuteDelivery) {
        let message: FtyProtoMessage
        do {
            message = try FtyProtoCodec.decode(delivery.content)
        } catch {
            skipped.record(
                now: clock.now, logger: logger,
                "\(delivery.addressString) \(delivery.subjectString) from \(delivery.senderString): \(error)")
            return
        }
        guard case .metric(let metric) = message else {
            skipped.record(
                now: clock.now, logger: logger,
                "\(delivery.addressString) \(delivery.subjectString): not a METRIC")
            return
        }
        publish(core.handleMetric(metric), on: stream)
        if let absence {
            publish(absence.signal(topic: "\(metric.type)@\(metric.name)", at: AbsenceInstant.now()), on: stream)
        }
    }

    /// Reads every valid fty-shm metric and feeds it through the same pipeline (D1, §5.1).
    private func pollShm() {
        guard let shm else { return }
        let result: ShmReadResult
        do {
            result = try shm.readAll(now: Int(Self.wallClock()))
        } catch {
            logger.warning("reading fty-shm metrics at \(shm.metricDirectory): \(error)")
            return
        }
        for entry in result.skipped {
            logger.debug("fty-shm: skipping \(entry.fileName): \(entry.reason)")
        }
        for metric in result.metrics {
            publish(core.handleMetric(metric), on: stream)
        }
    }

    // MARK: Mailbox client (engine.md §9)

    /// Takes the deliveries waiting on the mailbox client, without blocking, and handles them in
    /// order; runs of plain ADDs commit their files together (decisions.md D6, group commit).
    ///
    /// At most `mailboxGroupLimit` deliveries, of which at most `batches[0]` are something else,
    /// so metrics do not wait behind many durable DELETEs. A lone request is handled at once.
    private func serveMailbox() throws {
        var deliveries: [MalamuteDelivery] = []
        var plainAdds: [Bool] = []
        var others = 0
        var receiveError: (any Error)?
        while deliveries.count < Self.mailboxGroupLimit, others < Self.batches[0] {
            let delivery: MalamuteDelivery
            do {
                guard let received = try mailbox.receive(timeout: .zero) else { break }
                delivery = received
            } catch {
                receiveError = error  // the requests already taken are still answered
                break
            }
            let plainAdd =
                delivery.kind == .mailbox
                && EngineCore.isPlainAdd(subject: delivery.subjectString, frames: delivery.content)
            deliveries.append(delivery)
            plainAdds.append(plainAdd)
            if !plainAdd { others += 1 }
        }
        for range in GroupCommitStorage.partition(plainAdds: plainAdds) {
            guard range.count > 1 else {
                handleMailbox(deliveries[range.lowerBound])
                continue
            }
            let group = deliveries[range]
            let outcomes = storage.handleAdds(
                group.map { .init(subject: $0.subjectString, frames: $0.content, client: $0.senderString) }, core: core)
            logger.debug("mailbox: \(group.count) ADD requests committed together")
            for (delivery, outcome) in zip(group, outcomes) { send(outcome, for: delivery) }
        }
        if let receiveError { throw receiveError }
    }

    private func handleMailbox(_ delivery: MalamuteDelivery) {
        guard delivery.kind == .mailbox else {
            logger.debug("mailbox client: ignoring \(delivery.kind) message", metadata: ["client": "\(delivery.senderString)"])
            return
        }
        if delivery.subjectString == ExpectationsRequest.subject {
            // The ladders live on this loop, not in the core: answered here (issue 12 item 5).
            let reply = ExpectationsRequest.reply(to: delivery.content, report: expectationsReport)
            send(RequestOutcome(reply: reply), for: delivery)
            return
        }
        let outcome = core.handleRequest(
            subject: delivery.subjectString, frames: delivery.content, client: delivery.senderString)
        send(outcome, for: delivery)
    }

    /// Publishes and replies what a request's outcome says, in the order it says.
    private func send(_ outcome: RequestOutcome, for delivery: MalamuteDelivery) {
        // §9.1: DELETE publishes before the reply, ADD / update / TOUCH after it.
        if outcome.publishesBeforeReply { publish(outcome.publications, on: mailbox) }
        if let reply = outcome.reply {
            do {
                try mailbox.reply(to: delivery, content: reply, timeout: Self.replyTimeout)
            } catch {
                logger.error("could not reply: \(error)", metadata: ["client": "\(delivery.senderString)"])
            }
        }
        if !outcome.publishesBeforeReply { publish(outcome.publications, on: mailbox) }
    }

    // MARK: Rules directory watcher

    private func drainWatcher() {
        guard let watcher, !watchEnded else { return }
        let changes: [RuleDirectoryChange]
        do {
            changes = try watcher.drainEvents()
        } catch {
            logger.error("\(error)")
            return
        }
        for change in changes {
            switch change {
            case .written(let file):
                loadDroppedFile(file)
            case .removed(let file):
                publish(core.handleRemovedFile(file), on: mailbox)
            case .eventsLost:
                reloadAfterLostEvents()
            case .watchEnded:
                watchEnded = true
                logger.error("rules directory \(directory.path) is gone; rule files are no longer watched")
            }
        }
    }

    private func loadDroppedFile(_ file: RuleFileName) {
        let contents: [UInt8]
        do {
            contents = try directory.read(file)
        } catch {
            logger.warning("could not read rule file \(directory.path(of: file)): \(error)")
            return
        }
        publish(core.handleDroppedFile(file, contents: contents), on: mailbox)
    }

    /// The kernel dropped watcher events: every file is read again (unchanged rules stay as they
    /// are). Removals made during the overflow are not seen until the next start.
    private func reloadAfterLostEvents() {
        logger.warning("rules directory events were lost; reading \(directory.path) again")
        do {
            _ = try directory.list { file in
                publish(core.handleDroppedFile(file.name, contents: file.contents), on: mailbox)
            }
        } catch {
            logger.error("could not list \(directory.path): \(error)")
        }
    }

    // MARK: Publishing (engine.md §7.3, §7.4)

    private func publish(_ publications: [AlertPublication], on client: MalamuteClient) {
        for publication in publications {
            do {
                let frame = try FtyProtoCodec.encode(publication.ftyAlert(logger: logger))
                try client.send(subject: Self.wireSubject(publication.subject, logger: logger), content: [frame])
                core.countPublished(publication)
                if let observer = configuration.alertObserver {
                    observer.published(
                        publication, evidence: core.evidence(for: publication),
                        producer: client === mailbox ? EngineNames.mailboxClient : EngineNames.streamClient)
                }
            } catch {
                logger.error(
                    "could not publish alert: \(error)",
                    metadata: ["rule": "\(publication.ruleName)", "element": "\(publication.element)"])
                continue
            }
            if let audit, let entry = AlertTransitionAudit.entry(for: publication) {
                audit.info("\(entry.message)", metadata: entry.metadata)
            }
        }
    }

    /// The subject cut to the 255 bytes a zproto string holds, at a UTF-8 boundary (as Q29 for
    /// the ALERT fields), so a long rule name or element still gets its alert out.
    static func wireSubject(_ subject: String, logger: Logger) -> String {
        let cut = WireString.cut(subject)
        if cut.utf8.count < subject.utf8.count {
            logger.warning("alert subject cut to \(cut.utf8.count) bytes: \(subject)")
        }
        return cut
    }
}
