#if canImport(Glibc)
import Glibc
#endif
import FtyProto
import Logging
import MalamuteClient

/// The alert-actions thread's state: the two bus clients and the core (engine.md §12).
///
/// Created, used and dropped on the actor's thread only. Every failure inside the loop is
/// logged and the loop goes on.
final class AlertActionsLoop {
    /// Deliveries taken from each client (main, #mb) before the other gets its turn.
    static let batches = [256, 8]
    /// The longest the loop waits on the bus, so that a stop is noticed soon.
    static let tick: Duration = .milliseconds(100)

    let configuration: AlertActionsConfiguration
    let logger: Logger
    let main: MalamuteClient
    let mailbox: MalamuteClient
    let exchange: MailboxExchange
    private var core: AlertActionsCore
    /// Deliveries of the main client taken while a request waited for its reply, oldest first;
    /// they are handled before anything newer from that client.
    private var backlog = DeliveryBacklog()

    init(configuration: AlertActionsConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        func client(_ name: String) -> MalamuteClient {
            MalamuteClient(
                configuration: ClientConfiguration(
                    endpoint: configuration.endpoint, name: name, timeout: configuration.clientTimeout,
                    plainCredentials: configuration.plainCredentials),
                logger: logger)
        }
        main = client(AlertActionsNames.client)
        mailbox = client(AlertActionsNames.mailboxClient)
        core = AlertActionsCore(
            start: configuration.clock.milliseconds(), integrationTestMode: configuration.integrationTestMode,
            checkInterval: configuration.checkInterval.wholeMilliseconds,
            notificationOverride: configuration.notificationInterval?.wholeMilliseconds ?? 0)
        exchange = MailboxExchange(client: mailbox, replyTimeout: configuration.replyTimeout, logger: logger)
    }

    /// Reads what the main client has (which also runs its heartbeat) into the backlog.
    private func takeIntoBacklog() {
        do {
            for _ in 0..<Self.batches[0] {
                guard let delivery = try main.receive(timeout: .zero) else { break }
                backlog.append(delivery)
            }
        } catch {
            logger.error("\(main.name) while waiting for a reply: \(error)")
        }
    }

    private var now: UInt64 { configuration.clock.milliseconds() }

    // MARK: Connecting (engine.md §12.1)

    /// Connects both clients, subscribes to assets then alerts, and asks for every asset.
    func connect() throws(AlertActionsServerError) {
        let endpoint = configuration.endpoint
        do {
            try main.connect()
            try main.setConsumer(stream: configuration.assetsStream, pattern: ".*")
            try main.setConsumer(stream: configuration.alertsStream, pattern: ".*")
        } catch {
            throw .broker(endpoint: endpoint, client: main.name, error)
        }
        do {
            try mailbox.connect()
        } catch {
            throw .broker(endpoint: endpoint, client: mailbox.name, error)
        }
        // Q14: REPUBLISH goes out with no frame at all; fty-asset then publishes every asset.
        do {
            try main.sendTo(
                address: AlertActionsNames.assetAgent, subject: AlertActionsNames.republishSubject, content: [],
                timeout: MailboxExchange.sendTimeout)
        } catch {
            logger.error("could not ask \(AlertActionsNames.assetAgent) to republish assets: \(error)")
        }
        let mode = configuration.integrationTestMode ? " (integration-test mode)" : ""
        logger.info(
            "alert actions connected to \(endpoint), consuming \(configuration.assetsStream) and \(configuration.alertsStream)\(mode)"
        )
    }

    /// Closes both clients.
    func close() {
        // Both CONNECTION_CLOSEs wait side by side: one close timeout at most (issue 14 item 4).
        MalamuteClient.close([main, mailbox])
    }

    // MARK: The loop

    /// Serves the bus and the periodic work until `stopping` returns true.
    func run(until stopping: () -> Bool) {
        let clients = [main, mailbox]
        let wait = min(Self.tick, configuration.wakePeriod)
        while !stopping() {
            do {
                let ready = try MalamuteClient.waitForAny(clients, timeout: backlog.isEmpty ? wait : .zero)
                if !backlog.isEmpty {
                    for _ in 0..<Self.batches[0] {
                        guard let delivery = backlog.popFirst() else { break }
                        handleMain(delivery)
                    }
                }
                // The main client's new deliveries wait until its backlog is handled, in order.
                for index in ready where index == 1 || backlog.isEmpty {
                    for _ in 0..<Self.batches[index] {
                        guard let delivery = try clients[index].receive(timeout: .zero) else { break }
                        if index == 0 { handleMain(delivery) } else { handleStray(delivery) }
                    }
                }
            } catch {
                logger.error("alert actions bus loop: \(error)")
                var pause = timespec(tv_sec: 0, tv_nsec: 100_000_000)
                nanosleep(&pause, nil)
            }
            perform(core.tick(now: now))
        }
    }

    private func handleStray(_ delivery: MalamuteDelivery) {
        logger.warning(
            "\(mailbox.name): dropping unexpected \(delivery.kind) '\(delivery.subjectString)' from \(delivery.senderString)")
    }

    private func handleMain(_ delivery: MalamuteDelivery) {
        guard delivery.kind == .stream else {
            logger.debug("\(main.name): ignoring \(delivery.kind) '\(delivery.subjectString)' from \(delivery.senderString)")
            return
        }
        let message: FtyProtoMessage
        do {
            message = try FtyProtoCodec.decode(delivery.content)
        } catch {
            logger.warning(
                "skipping \(delivery.addressString) message '\(delivery.subjectString)' from \(delivery.senderString): not fty_proto (\(error))"
            )
            return
        }
        switch message {
        case .asset(let asset):
            perform(core.handleAsset(asset))
        case .alert(let alert):
            handleAlert(alert, frame: delivery.content[0])
        case .metric:
            logger.debug("skipping METRIC '\(delivery.subjectString)' on \(delivery.addressString)")
        }
    }

    // MARK: Alerts (engine.md §12.4)

    private func handleAlert(_ alert: FtyAlert, frame: [UInt8]) {
        let outcome = core.handleAlert(alert, frame: frame, now: now)
        guard let name = outcome.assetLookup else {
            perform(outcome)
            return
        }
        let asset = lookUpAsset(name)
        perform(core.completeAssetLookup(asset, for: alert, frame: frame, now: now))
    }

    /// ASSET_DETAIL: `["GET", <uuid>, <asset>]` → `[<uuid>, <fty_proto ASSET>]`.
    private func lookUpAsset(_ name: String) -> FtyAsset? {
        guard
            let reply = exchange.request(
                address: AlertActionsNames.assetAgent, subject: AlertActionsNames.assetDetailSubject,
                frames: { id in [Array("GET".utf8), Array(id.utf8), Array(name.utf8)] }, waiting: takeIntoBacklog)
        else { return nil }
        guard reply.count >= 2, case .asset(let asset)? = try? FtyProtoCodec.decode([reply[1]]) else {
            logger.warning("\(AlertActionsNames.assetAgent) answered ASSET_DETAIL for '\(name)' without an ASSET")
            return nil
        }
        return asset
    }

    // MARK: Performing the core's decisions (engine.md §12.5)

    private func perform(_ outcome: ActionsOutcome) {
        for note in outcome.notes { log(note) }
        for request in outcome.requests { send(request) }
    }

    private func log(_ note: ActionsNote) {
        switch note {
        case .ignoredState: logger.debug("\(note)")
        case .expired: logger.info("\(note)")
        case .ignoredAction, .unknownAsset, .droppedAlert: logger.warning("\(note)")
        }
    }

    private func send(_ request: ActionRequest) {
        let address: String, subject: String, rule: String, frames: (String) -> [[UInt8]]
        switch request {
        case .email(let notification):
            (address, subject, rule) = (configuration.emailAgent, AlertActionsNames.sendMailSubject, notification.rule)
            frames = notification.frames(correlationID:)
        case .sms(let notification):
            (address, subject, rule) = (configuration.emailAgent, AlertActionsNames.sendSMSSubject, notification.rule)
            frames = notification.frames(correlationID:)
        case .gpo(let gpo):
            (address, subject, rule) = (configuration.gpioAgent, AlertActionsNames.gpoSubject, gpo.rule)
            frames = gpo.frames(correlationID:)
        }
        guard let reply = exchange.request(address: address, subject: subject, frames: frames, waiting: takeIntoBacklog)
        else { return }
        // §12.5: [<uuid>, "OK"] or [<uuid>, <anything else>, <cause>].
        let status = reply.count > 1 ? String(decoding: reply[1], as: UTF8.self) : ""
        guard status != "OK" else { return }
        let cause = reply.count > 2 ? String(decoding: reply[2], as: UTF8.self) : ""
        logger.warning("\(address) refused \(subject) for alert '\(rule)': \(status) \(cause)")
    }
}
