import Logging
import MalamuteProtocol
import ZeroMQ

/// The I/O loop behind ``MalamuteClient``: reading, timers, polling and performing the session's actions.
extension MalamuteClient {
    /// Runs one synchronous call: hands `event` to the session, then serves the socket until the
    /// session completes or fails the call (it always arms a deadline for a pending call).
    func call(_ event: ClientEvent) throws(MalamuteClientError) {
        callResult = nil
        try perform(session.handle(event, now: clock.now))
        while callResult == nil {
            if try service() { continue }
            try wait(on: [self], until: nil, now: clock.now)
        }
        if case .failure(let error) = callResult { throw error }
    }

    /// Reads what is ready without blocking and fires due timers; returns whether anything happened.
    func service() throws(MalamuteClientError) -> Bool {
        let received = try drain()
        let ticked = try serviceTimers(now: clock.now)
        return received > 0 || ticked
    }

    /// Reads up to `limit` messages that are already queued (benchmark path: no poll per message).
    func drain(limit: Int = 512) throws(MalamuteClientError) -> Int {
        guard let socket else { return 0 }
        var count = 0
        var now: ContinuousClock.Instant?
        while count < limit {
            let frames: [[UInt8]]?
            do {
                frames = try socket.receive(dontWait: true)
            } catch {
                throw .transport(operation: "receive", detail: error.description)
            }
            guard let frames else { break }
            count += 1
            let instant = now ?? clock.now
            now = instant
            let message: MLMMessage
            do {
                message = try MLMCodec.decode(frames)
            } catch {
                // wire.md §3.5: a reference client would die here; we drop and log (D7).
                logger.warning("dropping undecodable message from the broker: \(error)")
                continue
            }
            try perform(session.handle(.received(message), now: instant))
        }
        return count
    }

    /// Fires the session's timers if one is due; returns whether it did.
    @discardableResult
    func serviceTimers(now: ContinuousClock.Instant) throws(MalamuteClientError) -> Bool {
        guard let due = session.nextDeadline, due <= now else { return false }
        try perform(session.handle(.tick, now: now))
        return true
    }

    /// Blocks in zmq_poll until one of `clients` is readable, `deadline` passes, or the next
    /// timer of any of them is due; returns, per client, whether its socket is readable.
    @discardableResult
    static func wait(
        on clients: [MalamuteClient], until deadline: ContinuousClock.Instant?, now: ContinuousClock.Instant
    ) throws(MalamuteClientError) -> [Bool] {
        var wake = deadline
        var sockets: [ZMQSocket] = []
        var owners: [Int] = []
        for (index, client) in clients.enumerated() where client.session.state != .closed {
            if let socket = client.socket {
                sockets.append(socket)
                owners.append(index)
            }
            if let due = client.session.nextDeadline, wake.map({ due < $0 }) ?? true { wake = due }
        }
        let timeout = wake.map { milliseconds(roundingUp: $0 - now) } ?? -1
        let events: [ZMQEvents]
        do {
            events = try ZMQPoller.poll(sockets, timeoutMilliseconds: timeout)
        } catch {
            throw .transport(operation: "poll", detail: error.description)
        }
        var readable = Array(repeating: false, count: clients.count)
        for (position, owner) in owners.enumerated() where events[position].contains(.readable) {
            readable[owner] = true
        }
        return readable
    }

    func wait(
        on clients: [MalamuteClient], until deadline: ContinuousClock.Instant?, now: ContinuousClock.Instant
    ) throws(MalamuteClientError) {
        try Self.wait(on: clients, until: deadline, now: now)
    }

    /// Performs the session's actions in order.
    func perform(_ actions: [ClientAction]) throws(MalamuteClientError) {
        for action in actions {
            switch action {
            case .send(let message):
                // wire.md §3.3: a CONNECTION_OPEN while re-opening is the re-HELLO after the
                // broker lost the session (the first one is sent in `.connecting`).
                if case .connectionOpen = message, session.state == .reconnecting { reconnects.increment() }
                try write(header: MLMCodec.encodeHeader(message), content: message.content)
            case .deliver(let delivery):
                inbox.append(delivery)
            case .callSucceeded:
                callResult = .success(())
            case .callFailed(let error):
                callResult = .failure(error)
            case .releaseHeldSends:
                let released = held
                held.removeAll()
                for (header, content) in released { try write(header: header, content: content) }
            case .log(let level, let text):
                logger.log(level: level, "\(text)")
            }
        }
    }

    /// Queues an application message: written at once, or held while the session re-opens.
    func submit(_ message: MLMMessage) throws(MalamuteClientError) {
        try ensureOpen(.send)
        // The header is encoded once; the content frames are handed to libzmq as they are.
        let header = MLMCodec.encodeHeader(message)
        if session.holdsSends {
            held.append((header, message.content))
        } else {
            try write(header: header, content: message.content)
        }
    }

    /// Writes one multipart message: the header frame, then the content frames (wire.md §2.2 rule 2).
    func write(header: [UInt8], content: [[UInt8]]) throws(MalamuteClientError) {
        guard let socket else { throw .notConnected(.send, state: session.state) }
        let queued: Bool
        do {
            // Non-blocking: with SNDHWM 0 it never has to wait; with a bounded SNDHWM a full queue
            // is reported instead of blocking a thread that must keep reading (D1).
            queued = try socket.send(header, content, dontWait: true)
        } catch {
            throw .transport(operation: "send", detail: error.description)
        }
        guard queued else {
            throw .transport(
                operation: "send", detail: "outgoing queue full (SNDHWM \(configuration.sendHighWaterMark))")
        }
    }

    func ensureOpen(_ operation: ClientOperation) throws(MalamuteClientError) {
        if session.state == .closed { throw .closed }
        if socket == nil { throw .notConnected(operation, state: session.state) }
    }

    /// A fresh DEALER: every connect attempt from `start` gets its own, so a late OK to an earlier
    /// attempt cannot reach this one (wire.md §3.2, connecting/expired).
    func openSocket() throws(MalamuteClientError) {
        socket?.close()
        socket = nil
        let dealer: ZMQSocket
        do {
            dealer = try ZMQSocket(.dealer, context: context)
            try dealer.setOption(.linger, 0)
            try dealer.setOption(.sendHighWaterMark, configuration.sendHighWaterMark)
            try dealer.setOption(.receiveHighWaterMark, configuration.receiveHighWaterMark)
            if let credentials = configuration.plainCredentials {
                // Setting the user name makes the socket a PLAIN client (as mlm_client_set_plain_auth).
                try dealer.setOption(.plainUsername, credentials.user)
                try dealer.setOption(.plainPassword, credentials.password)
            }
        } catch {
            throw .transport(operation: "socket setup", detail: error.description)
        }
        do {
            try dealer.connect(configuration.endpoint)
        } catch {
            throw .invalidEndpoint(configuration.endpoint, detail: error.description)
        }
        socket = dealer
    }

    func finishClosing() {
        socket?.close()
        socket = nil
        held.removeAll()
        inbox = DeliveryQueue()
    }

    /// `duration` in whole milliseconds for the wire (clamped to UInt32).
    static func milliseconds(_ duration: Duration) -> UInt32 {
        UInt32(clamping: milliseconds(roundingUp: duration))
    }

    /// `duration` in milliseconds, rounded up so a poll never wakes just before its deadline.
    static func milliseconds(roundingUp duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        guard seconds > 0 || (seconds == 0 && attoseconds > 0) else { return 0 }
        let millis = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int(min(millis, Int64(Int32.max)))
    }
}
