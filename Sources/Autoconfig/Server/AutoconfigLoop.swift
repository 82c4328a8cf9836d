#if canImport(Glibc)
import Glibc
#endif
import FtyProto
import Logging
import MalamuteClient

/// The autoconfig thread's state: the bus client, the ``AutoconfigState`` core, the state file
/// and the templates directory (engine.md §1, §11).
///
/// Created, used and dropped on the autoconfig thread only. Every failure inside the loop is
/// logged and the loop goes on.
final class AutoconfigLoop {
    /// The longest the loop waits on the bus between timer checks.
    static let tick: Duration = .milliseconds(100)
    /// Send timeouts carried by the requests (engine.md §11.2, §11.6) and LIST replies.
    static let addTimeout: Duration = .milliseconds(5000)
    static let deleteTimeout: Duration = .milliseconds(1000)
    static let replyTimeout: Duration = .milliseconds(1000)
    /// Engine refusals that are a normal outcome of generation (engine.md §9.4, §11.5).
    static let routineRefusals: Set<String> = [
        "ALREADY_EXISTS", "NO_MATCH", "Xphase rule can't be instantiated.", "Rule can't be directly instantiated.",
    ]
    /// Tracker prefix of DELETE_ELEMENT requests, to tell their replies from ADD replies.
    static let deleteTracker = "DELETE_ELEMENT "

    let configuration: AutoconfigConfiguration
    let logger: Logger
    let client: MalamuteClient
    let stateFile: StateFile
    let templates: TemplateDirectory
    private(set) var state: AutoconfigState
    private let clock = ContinuousClock()
    private let origin: ContinuousClock.Instant
    /// Since when the state has changes not yet written, nil when none.
    private var unsavedSince: ContinuousClock.Instant?

    /// Reads the state file back (engine.md §11.8, Q6) and prepares the client.
    ///
    /// A state file that cannot be used is logged, moved aside to `state.corrupt` and the
    /// server starts with no assets (fty-asset republishes them, engine.md §12.1).
    init(configuration: AutoconfigConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        stateFile = StateFile(directory: configuration.rulesDirectory)
        templates = TemplateDirectory(path: configuration.templatesDirectory)
        origin = clock.now
        var saved = StateFile.Contents(devices: [:], containers: [:])
        do {
            if let contents = try stateFile.read() {
                saved = contents
                logger.info("autoconfig: read \(contents.devices.count) assets back from \(stateFile.path)")
            }
        } catch {
            logger.error("\(error); starting with no assets")
            do {
                let aside = try stateFile.setAside()
                logger.error("autoconfig: unusable state file kept as \(aside)")
            } catch {
                logger.error("\(error)")
            }
        }
        state = AutoconfigState(devices: saved.devices, containers: saved.containers, periods: configuration.periods, now: 1)
        configuration.assetView?.replaceAll(with: saved.devices)
        client = MalamuteClient(
            configuration: ClientConfiguration(
                endpoint: configuration.endpoint, name: AutoconfigNames.client, timeout: configuration.clientTimeout,
                    plainCredentials: configuration.plainCredentials),
            logger: logger)
    }

    /// Monotonic milliseconds since the loop was created, never 0 (0 means "never tried").
    private func milliseconds() -> UInt64 {
        AutoconfigState.milliseconds(clock.now - origin) + 1
    }

    /// Connects as `fty-autoconfig` and consumes the assets stream (engine.md §1).
    func connect() throws(AutoconfigServerError) {
        do {
            try client.connect()
            try client.setConsumer(stream: configuration.assetsStream, pattern: configuration.assetsPattern)
        } catch {
            throw .broker(endpoint: configuration.endpoint, error)
        }
        logger.info("autoconfig: connected to \(configuration.endpoint), consuming \(configuration.assetsStream)")
    }

    /// Writes unsaved changes (engine.md §11.8: also at shutdown) and closes the client.
    ///
    /// A server that never changed anything leaves no state file behind.
    func close() {
        if unsavedSince != nil { save() }
        client.close()
    }

    // MARK: The loop

    /// Serves the bus and the timer until `stopping` returns true.
    func run(until stopping: () -> Bool) {
        while !stopping() {
            var quiet = true
            do {
                if let delivery = try client.receive(timeout: waitTime()) {
                    quiet = false
                    handle(delivery)
                    state.restartTimer(now: milliseconds())  // §11.4: every message restarts it
                }
            } catch {
                logger.error("autoconfig bus loop: \(error)")
                var pause = timespec(tv_sec: 0, tv_nsec: 100_000_000)
                nanosleep(&pause, nil)
            }
            let now = milliseconds()
            if state.isDue(now: now) { generate(now: now) }
            if let since = unsavedSince, quiet || clock.now - since >= configuration.stateSaveDelay { save() }
        }
    }

    /// At most one tick, less when the timer is due sooner.
    private func waitTime() -> Duration {
        guard let deadline = state.deadline else { return Self.tick }
        let now = milliseconds()
        return deadline <= now ? .zero : min(Self.tick, .milliseconds(deadline - now))
    }

    private func handle(_ delivery: MalamuteDelivery) {
        if FtyProtoCodec.isFtyProto(delivery.content) {
            let message: FtyProtoMessage
            do {
                message = try FtyProtoCodec.decode(delivery.content)
            } catch {
                logger.warning("autoconfig: undecodable fty_proto from \(delivery.senderString): \(error)")
                return
            }
            guard case .asset(let asset) = message else {
                logger.debug("autoconfig: ignoring fty_proto message \(message.id) from \(delivery.senderString)")
                return
            }
            handle(asset)
            return
        }
        guard delivery.kind == .mailbox else {
            logger.debug("autoconfig: ignoring non-fty_proto \(delivery.kind) message from \(delivery.senderString)")
            return
        }
        switch delivery.senderString {
        case AutoconfigNames.engine, AutoconfigNames.flexible: logReply(delivery)
        default: answerList(delivery)
        }
    }

    // MARK: Assets (engine.md §11.2)

    private func handle(_ asset: FtyAsset) {
        let outcome = state.handle(asset)
        switch outcome {
        case .ignored(.noType):
            logger.info("autoconfig: asset \(asset.name) (\(asset.operation)) has no aux type; ignored")
        case .ignored(let reason):
            logger.debug("autoconfig: asset \(asset.name) (\(asset.operation)) ignored: \(reason)")
        case .stored:
            logger.debug("autoconfig: asset \(asset.name) (\(asset.operation)) stored")
            configuration.assetView?.set(asset.name, state.devices[asset.name]?.attributes)
        case .removed:
            logger.info("autoconfig: asset \(asset.name) (\(asset.operation)) removed")
            configuration.assetView?.set(asset.name, nil)
        }
        perform(outcome.actions(asset: asset.name))
    }

    private func perform(_ actions: [AutoconfigAction]) {
        for action in actions {
            switch action {
            case .send(let rule): send(rule)
            case .deleteElement(let name): sendDeleteElement(name)
            case .saveState: unsavedSince = unsavedSince ?? clock.now
            }
        }
    }

    private func sendDeleteElement(_ name: String) {
        do {
            try client.sendTo(
                address: AutoconfigNames.engine, subject: AutoconfigNames.rulesSubject,
                content: ["DELETE_ELEMENT", name], tracker: WireString.cut(Self.deleteTracker + name),
                timeout: Self.deleteTimeout)
        } catch {
            logger.error("autoconfig: could not send DELETE_ELEMENT \(name): \(error)")
        }
    }

    // MARK: Generation (engine.md §11.5, §11.6)

    private func generate(now: UInt64) {
        guard state.hasUnconfigured else {
            state.restartTimer(now: now)
            return
        }
        let listing: TemplateListing
        do {
            listing = try templates.read()
        } catch {
            // Nothing is marked configured: the pass is tried again one period later.
            logger.error("autoconfig: \(error); no rules generated")
            state.restartTimer(now: now)
            return
        }
        warnUnreadable(listing, in: templates)
        let pass = state.generate(templates: listing.templates + expectationTemplates(), now: now)
        for name in pass.withoutTemplates {
            logger.debug("autoconfig: no template applies to \(name); configured")
        }
        for name in pass.notGenerated {
            logger.debug("autoconfig: \(name) is stored by '\(state.devices[name]?.operation ?? "")'; no rules")
        }
        if !pass.rules.isEmpty {
            let assets = Set(pass.rules.map(\.asset)).count
            logger.info("autoconfig: sending \(pass.rules.count) generated rules for \(assets) assets")
        }
        perform(pass.actions)
        if unsavedSince != nil { save() }
        state.restartTimer(now: now)
    }

    /// The expectation templates (`expect/`, named `expect/<file>`), when they are on; none when
    /// the subdirectory is missing (logged at debug) or cannot be read (a warning).
    private func expectationTemplates() -> [Template] {
        guard configuration.expectationTemplates else { return [] }
        let subdirectory = AutoconfigConfiguration.expectationSubdirectory
        let directory = TemplateDirectory(path: templates.path + "/" + subdirectory)
        guard access(directory.path, F_OK) == 0 else {
            logger.debug("autoconfig: no expectation templates (\(directory.path) does not exist)")
            return []
        }
        do {
            let listing = try directory.read()
            warnUnreadable(listing, in: directory)
            return listing.templates.map { Template(fileName: "\(subdirectory)/\($0.fileName)", contents: $0.contents) }
        } catch {
            logger.warning("autoconfig: \(error); no expectation rules generated")
            return []
        }
    }

    private func warnUnreadable(_ listing: TemplateListing, in directory: TemplateDirectory) {
        for name in listing.unreadable {
            logger.warning("autoconfig: template \(directory.path)/\(name) cannot be read; skipped")
        }
    }

    private func send(_ rule: GeneratedRule) {
        do {
            try client.sendTo(
                address: rule.destination.address, subject: AutoconfigNames.rulesSubject,
                content: [Array("ADD".utf8), rule.text], tracker: WireString.cut("\(rule.template) for \(rule.asset)"),
                timeout: Self.addTimeout)
            logger.trace("autoconfig: sent \(rule.template) for \(rule.asset) to \(rule.destination.address)")
        } catch {
            // §11.5: the asset stays unconfigured and is retried on the timer.
            logger.error("autoconfig: could not send \(rule.template) for \(rule.asset): \(error)")
            state.recordFailedSend(asset: rule.asset)
        }
    }

    /// A reply of the engine or of fty-alert-flexible: only logged (engine.md §11.6).
    private func logReply(_ delivery: MalamuteDelivery) {
        let frames = delivery.contentStrings
        let about = delivery.trackerString
        switch frames.first {
        case "OK":
            if about.hasPrefix(Self.deleteTracker) {
                logger.info("autoconfig: \(delivery.senderString) deleted \(frames.dropFirst().joined(separator: ", "))")
            } else {
                logger.debug("autoconfig: OK for rule (\(about)) from \(delivery.senderString)")
            }
        case "ERROR":
            let reason = frames.count > 1 ? frames[1] : ""
            // Refusals every generation meets (rule kept from an earlier pass, phase rules the
            // asset does not have, sensor rules) are routine; a broken template is not.
            let level: Logger.Level = Self.routineRefusals.contains(reason) ? .debug : .warning
            logger.log(level: level, "autoconfig: \(delivery.senderString) refused \(about): \(reason)")
        default:
            logger.warning("autoconfig: unexpected reply from \(delivery.senderString): \(frames.prefix(2))")
        }
    }

    // MARK: LIST templates (engine.md §11.7)

    private func answerList(_ delivery: MalamuteDelivery) {
        let request: TemplateListRequest
        do {
            request = try TemplateListRequest(frames: delivery.content)
        } catch {
            logger.info("autoconfig: mailbox message from \(delivery.senderString) is not a LIST request (\(error)); no reply")
            return
        }
        var files: [Template] = []
        do {
            files = try templates.read().templates
        } catch {
            logger.error("autoconfig: LIST from \(delivery.senderString): \(error)")
        }
        let frames = request.reply(
            templates: files, devices: state.devices, metricPresent: configuration.metricPresent)
        do {
            try client.sendTo(
                address: delivery.senderString, subject: AutoconfigNames.rulesSubject, content: frames,
                tracker: delivery.trackerString, timeout: Self.replyTimeout)
        } catch {
            logger.error("autoconfig: could not answer LIST of \(delivery.senderString): \(error)")
        }
    }

    // MARK: State file (engine.md §11.8)

    private func save() {
        unsavedSince = nil
        do {
            try stateFile.write(StateFile.Contents(devices: state.devices, containers: state.containers))
        } catch {
            logger.error("\(error)")
        }
    }
}
