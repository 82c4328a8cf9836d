import Logging
import MalamuteProtocol
import ZeroMQ

/// The broker's event loop: owns the ROUTER and the control PAIR and runs on one dedicated thread.
///
/// It only moves bytes: every decision is ``BrokerState``'s. Not Sendable: created, run and
/// closed on the broker thread (libzmq sockets are single-threaded).
final class BrokerLoop {
    /// How often silent sessions are looked for; expiry needs no finer resolution (wire.md §2.5.4).
    static let expiryCheckInterval: Duration = .milliseconds(100)
    /// Messages handled per drain before the control pipe and expiry get a look.
    static let drainBatch = 4096

    /// How long stopping waits for libzmq to release the bound addresses.
    static let releaseTimeout: Duration = .seconds(2)

    private let router: ZMQSocket
    private let control: ZMQSocket
    /// Reports the ROUTER's listeners closing, so that stopping can wait until they are.
    private let monitor: ZMQSocket
    private var state: BrokerState
    private var logger: Logger
    private var outputs: [BrokerOutput] = []
    /// The ZAP domain this broker's PLAIN passwords are registered under; `nil` with NULL security.
    private let zapDomain: String?

    /// The endpoints actually bound, as libzmq reports them (`ZMQ_LAST_ENDPOINT`).
    let boundEndpoints: [String]

    /// Creates the sockets and binds every endpoint, then the control endpoint.
    init(configuration: BrokerConfiguration, controlEndpoint: String, logger: Logger) throws(MalamuteBrokerError) {
        guard !configuration.endpoints.isEmpty else { throw .noEndpoints }
        let router: ZMQSocket
        let control: ZMQSocket
        let monitor: ZMQSocket
        do {
            router = try ZMQSocket(.router)
            // wire.md §1: unbounded queues, nothing dropped while a peer is connected; LINGER 0 so
            // stopping never waits for departed peers.
            try router.setOption(.sendHighWaterMark, 0)
            try router.setOption(.receiveHighWaterMark, 0)
            try router.setOption(.linger, 0)
            if let passwords = configuration.plainPasswords {
                // Set before any bind: libzmq applies the mechanism to listeners bound afterwards.
                try ZAPHandler.shared.register(domain: controlEndpoint, passwords: passwords)
                try router.setOption(.zapDomain, controlEndpoint)
                try router.setOption(.plainServer, 1)
            }
            control = try ZMQSocket(.pair)
            try control.setOption(.linger, 0)
            try control.bind(controlEndpoint)
            let monitorEndpoint = controlEndpoint + "-monitor"
            try router.startMonitor(monitorEndpoint, events: .closed)
            monitor = try ZMQSocket(.pair)
            try monitor.setOption(.linger, 0)
            try monitor.connect(monitorEndpoint)
        } catch {
            ZAPHandler.shared.unregister(domain: controlEndpoint)
            throw .socketSetupFailed(underlying: error)
        }
        var bound: [String] = []
        for endpoint in configuration.endpoints {
            do {
                try router.bind(endpoint)
                bound.append(try router.stringOption(.lastEndpoint))
            } catch {
                router.close()
                control.close()
                monitor.close()
                ZAPHandler.shared.unregister(domain: controlEndpoint)
                throw .bindFailed(endpoint: endpoint, underlying: error)
            }
        }
        self.router = router
        self.control = control
        self.monitor = monitor
        self.boundEndpoints = bound
        self.zapDomain = configuration.plainPasswords == nil ? nil : controlEndpoint
        self.state = BrokerState(sessionTimeout: configuration.sessionTimeout)
        self.logger = logger
        outputs.reserveCapacity(64)
    }

    /// Serves clients until a message arrives on the control pipe, then closes both sockets.
    func run() {
        defer {
            releaseEndpoints()
            router.close()
            control.close()
            monitor.close()
            if let zapDomain { ZAPHandler.shared.unregister(domain: zapDomain) }
        }
        let expires = state.sessionTimeout.map { $0 > .zero } ?? false
        var lastExpiryCheck = ContinuousClock.now
        logger.info("Malamute broker serving", metadata: ["endpoints": "\(boundEndpoints)"])
        while true {
            let ready: [ZMQEvents]
            do {
                ready = try ZMQPoller.poll([router, control], timeoutMilliseconds: expires ? 100 : -1)
            } catch {
                logger.error("Malamute broker poll failed, stopping: \(error)")
                return
            }
            if ready[1].contains(.readable) {
                logger.info("Malamute broker stopping")
                return
            }
            if ready[0].contains(.readable) {
                drainRouter()
            }
            if expires {
                let now = ContinuousClock.now
                if now - lastExpiryCheck >= Self.expiryCheckInterval {
                    lastExpiryCheck = now
                    perform(state.expireSessions(now: now))
                }
            }
        }
    }

    /// Unbinds every endpoint and waits until libzmq has closed the listeners.
    ///
    /// Closing a socket releases its addresses asynchronously; a synchronous `stop()` must leave
    /// them free, so that a broker restarted on the same endpoint can bind at once.
    private func releaseEndpoints() {
        var pending = 0
        for endpoint in boundEndpoints {
            do {
                try router.unbind(endpoint)
                // An inproc endpoint is released at once and reports no CLOSED event.
                if !endpoint.hasPrefix("inproc://") { pending += 1 }
            } catch {
                logger.warning("Malamute broker cannot unbind \(endpoint): \(error)")
            }
        }
        let deadline = ContinuousClock.now + Self.releaseTimeout
        while pending > 0 {
            let left = deadline - ContinuousClock.now
            guard left > .zero else {
                logger.warning("Malamute broker endpoints not released after \(Self.releaseTimeout)")
                return
            }
            let milliseconds = Int(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000) + 1
            guard (try? ZMQPoller.poll([monitor], timeoutMilliseconds: milliseconds))?.first?.contains(.readable) == true,
                let frames = try? monitor.receive(dontWait: true)
            else { continue }
            if let event = ZMQMonitorEvent(frames: frames), event.event.contains(.closed) {
                pending -= 1
            }
        }
    }

    /// Handles every message already queued on the ROUTER (up to one batch) without polling.
    private func drainRouter() {
        var now = ContinuousClock.now
        for count in 1...Self.drainBatch {
            let received: [[UInt8]]?
            do {
                received = try router.receive(dontWait: true)
            } catch {
                logger.warning("Malamute broker receive failed: \(error)")
                return
            }
            guard var frames = received else { return }
            // The ROUTER puts the peer's routing id first; libzmq always supplies it.
            guard !frames.isEmpty else { continue }
            let routingID = frames.removeFirst()
            if count & 0xFF == 0 { now = ContinuousClock.now }
            state.handle(routingID: routingID, frames: frames, now: now, into: &outputs)
            perform(outputs)
            outputs.removeAll(keepingCapacity: true)
        }
    }

    private func perform(_ outputs: [BrokerOutput]) {
        // A publication is one `.send` per subscriber of the same message (wire.md §2.5.5): its
        // header is encoded once. Comparing is cheap, the copies share their arrays' storage.
        var last: (message: MLMMessage, header: [UInt8])?
        for output in outputs {
            switch output {
            case .send(let routingID, let message):
                let header: [UInt8]
                if let last, last.message == message {
                    header = last.header
                } else {
                    header = MLMCodec.encodeHeader(message)
                    last = (message, header)
                }
                do {
                    try router.send(routingID: routingID, header: header, content: message.content)
                } catch {
                    logger.warning("Malamute broker send failed", metadata: ["peer": "\(hex(routingID))", "error": "\(error)"])
                }
            case .log(let event):
                log(event)
            }
        }
    }

    private func log(_ event: BrokerEvent) {
        switch event {
        case .malformedMessage(let routingID, let frameCount, let error):
            logger.warning(
                "dropped malformed message",
                metadata: ["peer": "\(hex(routingID))", "frames": "\(frameCount)", "error": "\(error)"])
        case .sessionOpened(let routingID, let address):
            logger.debug("session opened", metadata: ["peer": "\(hex(routingID))", "address": "\(text(address))"])
        case .sessionTakenOver(let address, let evicted, let by):
            logger.info(
                "address taken over, previous session evicted",
                metadata: ["address": "\(text(address))", "evicted": "\(hex(evicted))", "peer": "\(hex(by))"])
        case .sessionClosed(let routingID, let address):
            logger.debug("session closed", metadata: ["peer": "\(hex(routingID))", "address": "\(text(address))"])
        case .sessionKilled(let routingID, let address, let reason):
            logger.warning(
                "session destroyed after a protocol violation",
                metadata: ["peer": "\(hex(routingID))", "address": "\(text(address))", "reason": "\(reason)"])
        case .sessionExpired(let routingID, let address):
            logger.info("session expired", metadata: ["peer": "\(hex(routingID))", "address": "\(text(address))"])
        case .commandBeforeOpen(let routingID, let command):
            logger.debug(
                "command before CONNECTION_OPEN answered with ERROR 500",
                metadata: ["peer": "\(hex(routingID))", "command": "\(command.name)"])
        case .mailStored(let address, let stored):
            logger.debug("mail stored for an absent client", metadata: ["address": "\(text(address))", "stored": "\(stored)"])
        }
    }

    /// Routing ids are binary (libzmq: a zero byte and a 32-bit counter): log them in hex.
    private func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func text(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
