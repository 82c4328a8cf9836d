import MalamuteProtocol

/// The whole decision logic of the Malamute-compatible broker, as a value without I/O.
///
/// Feed it every multipart message the ROUTER receives (``handle(routingID:frames:now:)``) and
/// call ``expireSessions(now:)`` now and then; perform the returned ``BrokerOutput``s in order.
/// It implements wire.md §2.5: the reply table of §2.5.2 exactly, same-name takeover (§2.5.3),
/// expiry (§2.5.4), stream fan-out (§2.5.5), mailbox store-and-forward (§2.5.6) and services
/// (§2.5.7). It never emits anything an mlm_client cannot handle (§3.5): only PONG, OK 200,
/// ERROR 300/500 and the three DELIVERs. Time is passed in, so tests need no clock.
public struct BrokerState: Sendable {
    /// Inactivity after which a session is destroyed; `nil` (or zero) never expires sessions.
    public let sessionTimeout: Duration?

    /// Sessions by routing id: lookup is O(1) per message.
    var sessions: [[UInt8]: BrokerSession] = [:]
    /// Registered address → routing id of the session holding it (wire.md §2.5.3).
    var addressTable: [[UInt8]: [UInt8]] = [:]
    /// Streams in creation order; sessions refer to their producer stream by index.
    var streams: [BrokerStream] = []
    /// Stream name → index into `streams`.
    var streamIndex: [[UInt8]: Int] = [:]
    /// Stored mail by recipient address, oldest first.
    var mailboxes: [[UInt8]: [StoredMail]] = [:]
    /// Services by name.
    var services: [[UInt8]: BrokerService] = [:]

    /// Creates an empty broker state.
    public init(sessionTimeout: Duration? = .seconds(60)) {
        self.sessionTimeout = sessionTimeout
    }

    /// Handles one multipart message `frames` (header first, routing id excluded) from `routingID`.
    public mutating func handle(routingID: [UInt8], frames: [[UInt8]], now: ContinuousClock.Instant) -> [BrokerOutput] {
        var outputs: [BrokerOutput] = []
        handle(routingID: routingID, frames: frames, now: now, into: &outputs)
        return outputs
    }

    /// Same as ``handle(routingID:frames:now:)`` but appends to `outputs`, so the I/O loop can
    /// reuse one buffer for every message.
    public mutating func handle(
        routingID: [UInt8], frames: [[UInt8]], now: ContinuousClock.Instant, into outputs: inout [BrokerOutput]
    ) {
        // wire.md §2.5.1: every message, valid or not, creates or refreshes the session.
        let session: BrokerSession
        if let index = sessions.index(forKey: routingID) {
            sessions.values[index].lastActivity = now
            session = sessions.values[index]
        } else {
            session = BrokerSession(now: now)
            sessions[routingID] = session
        }

        let message: MLMMessage
        do {
            message = try MLMCodec.decode(frames)
        } catch {
            // decisions.md D7: the whole multipart message is dropped, never answered, never acted
            // upon (not even when truncated, unlike the reference, vectors README items 1-2).
            outputs.append(.log(.malformedMessage(routingID: routingID, frameCount: frames.count, error: error)))
            return
        }

        if session.isConnected {
            handleConnected(message, from: routingID, session: session, into: &outputs)
        } else {
            handleStart(message, from: routingID, into: &outputs)
        }
    }

    /// Destroys every session silent for at least ``sessionTimeout`` (wire.md §2.5.4); nothing is
    /// sent to anybody, the outputs are log events only.
    public mutating func expireSessions(now: ContinuousClock.Instant) -> [BrokerOutput] {
        guard let timeout = sessionTimeout, timeout > .zero else { return [] }
        let expired = sessions.filter { now - $0.value.lastActivity >= timeout }
        var outputs: [BrokerOutput] = []
        for (routingID, session) in expired {
            destroySession(routingID)
            outputs.append(.log(.sessionExpired(routingID: routingID, address: session.address)))
        }
        return outputs
    }

    // MARK: - Reply table, state `start` (wire.md §2.5.2)

    private mutating func handleStart(_ message: MLMMessage, from routingID: [UInt8], into outputs: inout [BrokerOutput]) {
        switch message {
        case .connectionOpen(let address):
            open(routingID, address: address, into: &outputs)
        case .connectionClose:
            outputs.append(.send(routingID: routingID, message: .success))
            sessions.removeValue(forKey: routingID)
        default:
            // Also the answer to a PING after a restart or takeover: mlm_client re-opens on it (§2.5.4).
            outputs.append(.send(routingID: routingID, message: .commandInvalid))
            outputs.append(.log(.commandBeforeOpen(routingID: routingID, command: message.id)))
        }
    }

    private mutating func open(_ routingID: [UInt8], address: [UInt8], into outputs: inout [BrokerOutput]) {
        if !address.isEmpty {
            // wire.md §2.5.3: the newcomer wins; the previous holder is destroyed without a word.
            if let previous = addressTable[address], previous != routingID {
                destroySession(previous)
                outputs.append(.log(.sessionTakenOver(address: address, evicted: previous, by: routingID)))
            }
            addressTable[address] = routingID
        }
        sessions[routingID]?.isConnected = true
        sessions[routingID]?.address = address
        outputs.append(.send(routingID: routingID, message: .success))
        outputs.append(.log(.sessionOpened(routingID: routingID, address: address)))
        // wire.md §2.5.6 step 4: stored mail right after the OK, oldest first. Anonymous sessions
        // have no mailbox, so mail stored under "" is never drained.
        guard !address.isEmpty, let stored = mailboxes.removeValue(forKey: address) else { return }
        for mail in stored {
            outputs.append(
                .send(
                    routingID: routingID,
                    message: .mailboxDeliver(
                        sender: mail.sender, address: address, subject: mail.subject, tracker: mail.tracker,
                        content: mail.content)))
        }
    }

    // MARK: - Reply table, state `connected` (wire.md §2.5.2)

    private mutating func handleConnected(
        _ message: MLMMessage, from routingID: [UInt8], session: BrokerSession, into outputs: inout [BrokerOutput]
    ) {
        switch message {
        case .streamSend(let subject, let content):
            guard let stream = session.producerStream else {
                kill(routingID, session: session, reply: .failed, reason: .sendWithoutProducer, into: &outputs)
                return
            }
            publish(on: stream, from: routingID, sender: session.address, subject: subject, content: content, into: &outputs)
        case .streamWrite(let stream):
            let index = streamIndex(stream)
            sessions[routingID]?.producerStream = index
            outputs.append(.send(routingID: routingID, message: .success))
        case .streamRead(let stream, let pattern):
            streams[streamIndex(stream)].subscribe(routingID, pattern: pattern)
            outputs.append(.send(routingID: routingID, message: .success))
        case .streamCancel(let stream):
            streams[streamIndex(stream)].cancel(routingID)
            outputs.append(.send(routingID: routingID, message: .success))
        case .mailboxSend(let address, let subject, let tracker, _, let content):
            // The timeout is never enforced and nothing is answered (wire.md §2.5.6, §2.5.11).
            sendMail(to: address, sender: session.address, subject: subject, tracker: tracker, content: content, into: &outputs)
        case .serviceSend(let service, let subject, let tracker, _, let content):
            let request = BrokerService.Request(sender: session.address, subject: subject, tracker: tracker, content: content)
            requestService(service, request, into: &outputs)
        case .serviceOffer(let service, let pattern):
            offerService(service, pattern: pattern, worker: routingID, into: &outputs)
        case .connectionPing:
            outputs.append(.send(routingID: routingID, message: .connectionPong))
        case .connectionClose:
            outputs.append(.send(routingID: routingID, message: .success))
            destroySession(routingID)
            outputs.append(.log(.sessionClosed(routingID: routingID, address: session.address)))
        case .credit:
            break  // accepted and ignored (wire.md §2.5.11)
        case .confirm:
            kill(routingID, session: session, reply: .failed, reason: .confirmReceived, into: &outputs)
        case .connectionOpen, .connectionPong, .ok, .error, .streamDeliver, .mailboxDeliver, .serviceDeliver:
            kill(routingID, session: session, reply: .commandInvalid, reason: .invalidCommand(message.id), into: &outputs)
        }
    }

    private mutating func kill(
        _ routingID: [UInt8], session: BrokerSession, reply: MLMMessage, reason: BrokerEvent.KillReason,
        into outputs: inout [BrokerOutput]
    ) {
        outputs.append(.send(routingID: routingID, message: reply))
        destroySession(routingID)
        outputs.append(.log(.sessionKilled(routingID: routingID, address: session.address, reason: reason)))
    }

    /// Deregisters (subscriptions, offers, address) and forgets a session; sends nothing (§2.5.2).
    mutating func destroySession(_ routingID: [UInt8]) {
        guard let session = sessions.removeValue(forKey: routingID) else { return }
        if !session.address.isEmpty, addressTable[session.address] == routingID {
            addressTable.removeValue(forKey: session.address)
        }
        for index in streams.indices {
            streams[index].cancel(routingID)
        }
        for index in services.indices {
            services.values[index].removeOffers(of: routingID)
        }
    }

    /// The index of stream `name`, creating the stream on first mention (wire.md §2.5.5).
    private mutating func streamIndex(_ name: [UInt8]) -> Int {
        if let index = streamIndex[name] { return index }
        streams.append(BrokerStream(name: name))
        streamIndex[name] = streams.count - 1
        return streams.count - 1
    }
}
