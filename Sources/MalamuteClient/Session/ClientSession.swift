import Logging
import MalamuteProtocol

/// The Malamute client state machine (wire.md §3), as a value: no sockets, no clock of its own.
///
/// Feed it ``ClientEvent``s with the current time and perform the returned ``ClientAction``s in
/// order. It follows the reference mlm_client (§3.2) with the improvements §6.2 allows:
/// * it keeps pinging while `disconnected`, so recovery never depends on queued traffic (§3.3);
/// * after a re-open it replays the *net* producer / subscriptions / offers (§3.4), and holds
///   application sends until the replay is out, so a STREAM_SEND never reaches a fresh session
///   before its STREAM_WRITE (that would earn ERROR 300 and kill the session, §2.5.2);
/// * a call interrupted by ERROR 500 is not failed: it completes when the replay (which includes
///   it) is acknowledged;
/// * ERROR 300 or any other code fails the pending call and is logged, but the session carries on
///   (the next PING tells whether the broker dropped it);
/// * deliveries are passed on in every live state, including `reconnecting` and `disconnected`.
///
/// Only one API call is pending at a time (the shell's calls are synchronous); a call made while
/// another waits is refused at once with ``MalamuteClientError/callInProgress(_:)``.
public struct ClientSession: Sendable {
    /// The states of wire.md §3.1, plus `closed` once the session has ended for good.
    public enum State: Equatable, Sendable {
        /// Not connected yet (or the last connect timed out).
        case start
        /// CONNECTION_OPEN sent, waiting for OK; connect is pending.
        case connecting
        /// Session open, nothing pending.
        case connected
        /// A subscription-type command is waiting for its OK.
        case confirming
        /// The broker forgot the session (ERROR 500); a new CONNECTION_OPEN waits for OK.
        case reconnecting
        /// The broker has been silent for the expiry period; pings go on.
        case disconnected
        /// CONNECTION_CLOSE sent, waiting for OK.
        case terminating
        /// The session has ended; every call fails with ``MalamuteClientError/closed``.
        case closed
    }

    /// The client's name as sent in CONNECTION_OPEN (empty = anonymous).
    public let address: [UInt8]
    /// The timer durations.
    public let timing: SessionTiming
    /// The current state.
    public private(set) var state: State = .start
    /// What a re-open must restore.
    public private(set) var replay = ReplayState()
    /// The API call waiting for the broker, if any.
    public private(set) var pending: ClientOperation?

    private var callDeadline: ContinuousClock.Instant?
    private var reopenDeadline: ContinuousClock.Instant?
    private var nextPing: ContinuousClock.Instant?
    private var expiry: ContinuousClock.Instant?
    /// OKs still owed for commands sent on the current broker session (replayed or new).
    private var awaitedOKs = 0

    /// Creates a session in `start` that will open under `address`.
    public init(address: [UInt8], timing: SessionTiming = SessionTiming()) {
        self.address = address
        self.timing = timing
    }

    /// Whether the session is open and the broker is answering (the reference's `connected()`).
    public var isConnected: Bool { state == .connected || state == .confirming }

    /// Whether application sends must be held back now (see ``ClientAction/releaseHeldSends``).
    public var holdsSends: Bool { state == .reconnecting }

    /// The earliest instant at which a ``ClientEvent/tick`` has something to do, if any.
    public var nextDeadline: ContinuousClock.Instant? {
        // Pairwise, without an array: the shell asks after every delivery.
        func earlier(_ a: ContinuousClock.Instant?, _ b: ContinuousClock.Instant?) -> ContinuousClock.Instant? {
            guard let a else { return b }
            guard let b else { return a }
            return min(a, b)
        }
        return earlier(earlier(callDeadline, reopenDeadline), earlier(nextPing, expiry))
    }

    /// Reacts to `event` happening at `now`; returns what to do, in order.
    public mutating func handle(_ event: ClientEvent, now: ContinuousClock.Instant) -> [ClientAction] {
        switch event {
        case .connect: connect(now)
        case .command(let command): request(command, now)
        case .close: close(now)
        case .received(let message): receive(message, now)
        case .tick: tick(now)
        }
    }

    // MARK: API calls

    private mutating func connect(_ now: ContinuousClock.Instant) -> [ClientAction] {
        if let pending { return [.callFailed(.callInProgress(pending))] }
        switch state {
        case .start:
            state = .connecting
            pending = .connect
            callDeadline = now + timing.callTimeout
            return [.send(.connectionOpen(address: address))]
        case .connected:
            return [.callSucceeded]
        case .closed, .terminating:
            return [.callFailed(.closed)]
        case .connecting, .confirming, .reconnecting, .disconnected:
            return [.callFailed(.notConnected(.connect, state: state))]
        }
    }

    private mutating func request(_ command: ClientCommand, _ now: ContinuousClock.Instant) -> [ClientAction] {
        // wire.md §3.2 / decisions.md D7: an invalid pattern is refused locally, nothing is sent.
        if let pattern = command.pattern, !SubjectPattern(pattern).isValid {
            return [.callFailed(.invalidPattern(String(decoding: pattern, as: UTF8.self)))]
        }
        if state == .closed || state == .terminating { return [.callFailed(.closed)] }
        if let pending { return [.callFailed(.callInProgress(pending))] }
        guard state == .connected else {
            return [.callFailed(.notConnected(.command(command), state: state))]
        }
        // Recorded at send time, as the reference does: once sent, the broker may apply it.
        replay.apply(command)
        awaitedOKs += 1
        state = .confirming
        pending = .command(command)
        callDeadline = now + timing.callTimeout
        return [.send(command.message)]
    }

    private mutating func close(_ now: ContinuousClock.Instant) -> [ClientAction] {
        switch state {
        case .closed:
            return [.callSucceeded]
        case .start:
            finish()
            return [.callSucceeded]
        case .connecting, .confirming, .terminating:
            return [.callFailed(.callInProgress(pending ?? .close))]
        case .connected:
            state = .terminating
            pending = .close
            callDeadline = now + timing.closeTimeout
            return [.send(.connectionClose)]
        case .reconnecting, .disconnected:
            if let pending { return [.callFailed(.callInProgress(pending))] }
            // Nobody is going to answer soon: say goodbye without waiting (the reference sends
            // nothing here; a CLOSE frees the name at once if the broker does hear it).
            finish()
            return [.send(.connectionClose), .callSucceeded]
        }
    }

    // MARK: Broker messages

    private mutating func receive(_ message: MLMMessage, _ now: ContinuousClock.Instant) -> [ClientAction] {
        switch state {
        case .start, .closed:
            return []  // wire.md §3.2: anything from the broker is ignored before connect.
        case .connected, .confirming, .reconnecting, .disconnected:
            expiry = now + timing.expiry  // §3.1: restarted by any received message.
        case .connecting, .terminating:
            break
        }
        switch message {
        case .ok:
            return ok(now)
        case .error(let code, let reason):
            return error(code: code, reason: String(decoding: reason, as: UTF8.self), now)
        case .connectionPong:
            if state == .disconnected {
                state = .connected
                return [.log(.info, "broker answers again")]
            }
            return []
        case .streamDeliver, .mailboxDeliver, .serviceDeliver:
            guard state != .terminating, let delivery = MalamuteDelivery(message) else { return [] }
            if state == .disconnected {
                state = .connected  // a delivery proves the broker still holds the session
                return [.log(.info, "broker answers again"), .deliver(delivery)]
            }
            return [.deliver(delivery)]
        default:
            // wire.md §3.5: a reference client dies on these; we log and carry on (D7).
            return [.log(.warning, "ignoring unexpected \(message.id) from the broker")]
        }
    }

    private mutating func ok(_ now: ContinuousClock.Instant) -> [ClientAction] {
        switch state {
        case .connecting:
            pending = nil
            callDeadline = nil
            nextPing = now + timing.heartbeat
            expiry = now + timing.expiry
            return opened() + [.callSucceeded]
        case .reconnecting:
            reopenDeadline = nil
            var actions = opened()
            actions.insert(.log(.info, "session re-opened; replayed \(awaitedOKs) command(s)"), at: 0)
            actions.append(.releaseHeldSends)
            if case .command = pending {
                if awaitedOKs == 0 {
                    actions.append(contentsOf: completePending())
                } else {
                    state = .confirming
                }
            }
            return actions
        case .connected, .disconnected:
            // OKs to replayed commands (or late ones to timed-out calls) are expected and ignored.
            awaitedOKs = max(0, awaitedOKs - 1)
            state = .connected
            return []
        case .confirming:
            awaitedOKs = max(0, awaitedOKs - 1)
            return awaitedOKs == 0 ? completePending() : []
        case .terminating:
            finish()
            return [.callSucceeded]
        case .start, .closed:
            return []
        }
    }

    private mutating func error(code: UInt16, reason: String, _ now: ContinuousClock.Instant) -> [ClientAction] {
        switch state {
        case .connecting:
            if code == 500 {
                // §3.2 `have error`: re-send CONNECTION_OPEN; the connect call keeps its deadline.
                return [.send(.connectionOpen(address: address))]
            }
            let failed = pending ?? .connect
            state = .start
            pending = nil
            callDeadline = nil
            return [.callFailed(.rejected(failed, code: code, reason: reason))]
        case .connected, .disconnected, .confirming:
            if code == 500 {
                // §3.3: the broker no longer knows this connection (restart, expiry, name takeover).
                // A pending command stays pending: the replay includes it.
                state = .reconnecting
                awaitedOKs = 0
                reopenDeadline = now + timing.callTimeout
                return [
                    .log(.warning, "broker does not know this session (ERROR 500); re-opening"),
                    .send(.connectionOpen(address: address)),
                ]
            }
            var actions: [ClientAction] = [
                .log(.warning, "broker answered ERROR \(code)\(reason.isEmpty ? "" : " (\(reason))"); carrying on")
            ]
            if state == .confirming, let failed = pending {
                awaitedOKs = max(0, awaitedOKs - 1)
                state = .connected
                pending = nil
                callDeadline = nil
                actions.append(.callFailed(.rejected(failed, code: code, reason: reason)))
            }
            return actions
        case .reconnecting:
            return []  // §3.2: ERRORs to traffic queued before the re-open are expected.
        case .terminating:
            finish()
            return [.callSucceeded]
        case .start, .closed:
            return []
        }
    }

    /// The broker accepted CONNECTION_OPEN: replay the net state and count the OKs it will earn.
    private mutating func opened() -> [ClientAction] {
        state = .connected
        let commands = replay.commands
        awaitedOKs = commands.count
        return commands.map { .send($0.message) }
    }

    private mutating func completePending() -> [ClientAction] {
        state = .connected
        pending = nil
        callDeadline = nil
        return [.callSucceeded]
    }

    private mutating func finish() {
        state = .closed
        pending = nil
        callDeadline = nil
        reopenDeadline = nil
        nextPing = nil
        expiry = nil
    }

    // MARK: Timers

    private mutating func tick(_ now: ContinuousClock.Instant) -> [ClientAction] {
        var actions: [ClientAction] = []
        // Every deadline that has passed is cleared, acted on or not, so that `nextDeadline`
        // never stays in the past (the shell would spin).
        if let deadline = callDeadline, deadline <= now {
            callDeadline = nil
        }
        if callDeadline == nil, let failed = pending {
            pending = nil
            switch state {
            case .connecting:
                // §3.2: back to start; the shell drops the socket so a late OK cannot confuse it.
                state = .start
                actions.append(.callFailed(.timedOut(failed, after: timing.callTimeout)))
            case .terminating:
                finish()
                actions.append(.log(.info, "no OK to CONNECTION_CLOSE; closing anyway"))
                actions.append(.callSucceeded)
                return actions
            default:
                // The broker may still answer; its late OK is counted and ignored.
                if state == .confirming { state = .connected }
                actions.append(.callFailed(.timedOut(failed, after: timing.callTimeout)))
            }
        }
        if let deadline = reopenDeadline, deadline <= now {
            reopenDeadline = nil
        }
        if reopenDeadline == nil, state == .reconnecting {
            state = .disconnected
            expiry = nil
            actions.append(.log(.warning, "no OK to the re-open within \(timing.callTimeout); disconnected, still pinging"))
            actions.append(.releaseHeldSends)
            if let failed = pending {
                pending = nil
                callDeadline = nil
                actions.append(.callFailed(.connectionLost(failed)))
            }
        }
        if let deadline = expiry, deadline <= now {
            expiry = nil
        }
        if expiry == nil, state == .connected || state == .confirming {
            actions.append(.log(.warning, "broker silent for \(timing.expiry); disconnected, still pinging"))
            if state == .confirming, let failed = pending {
                pending = nil
                callDeadline = nil
                actions.append(.callFailed(.connectionLost(failed)))
            }
            state = .disconnected
        }
        if let deadline = nextPing, deadline <= now {
            // §3.3 / §6.2: unlike the reference we keep pinging while disconnected.
            nextPing = now + timing.heartbeat
            actions.append(.send(.connectionPing))
        }
        return actions
    }
}
