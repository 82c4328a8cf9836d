import MalamuteBroker
import MalamuteProtocol
import Testing

/// A broker state driven message by message, with its own virtual time.
private struct Harness {
    var state: BrokerState
    let start = ContinuousClock.now
    var now: ContinuousClock.Instant

    init(sessionTimeout: Duration? = .seconds(5)) {
        state = BrokerState(sessionTimeout: sessionTimeout)
        now = start
    }

    /// Feeds `message` from `peer` and returns only what is sent.
    @discardableResult
    mutating func feed(_ peer: String, _ message: MLMMessage) -> [Sent] {
        sends(state.handle(routingID: peer.bytes, frames: MLMCodec.encode(message), now: now))
    }

    /// Feeds raw frames from `peer` and returns everything, logs included.
    mutating func feedRaw(_ peer: String, _ frames: [[UInt8]]) -> [BrokerOutput] {
        state.handle(routingID: peer.bytes, frames: frames, now: now)
    }

    mutating func open(_ peer: String, as address: String? = nil) {
        #expect(feed(peer, .connectionOpen(address: (address ?? peer).bytes)) == [Sent(peer, .success)])
    }

    mutating func advance(_ duration: Duration) -> [BrokerOutput] {
        now += duration
        return state.expireSessions(now: now)
    }
}

/// One `.send` output, comparable in tests.
private struct Sent: Equatable, CustomStringConvertible {
    let peer: String
    let message: MLMMessage
    init(_ peer: String, _ message: MLMMessage) {
        self.peer = peer
        self.message = message
    }
    var description: String { "\(peer) <- \(message)" }
}

private func sends(_ outputs: [BrokerOutput]) -> [Sent] {
    outputs.compactMap {
        guard case .send(let routingID, let message) = $0 else { return nil }
        return Sent(String(decoding: routingID, as: UTF8.self), message)
    }
}

private func streamDeliver(_ stream: String, from sender: String, _ subject: String, _ content: [[UInt8]]) -> MLMMessage {
    .streamDeliver(address: stream.bytes, sender: sender.bytes, subject: subject.bytes, content: content)
}

@Suite struct BrokerStateSessionTests {
    @Test func openRegistersTheAddress() {
        var h = Harness()
        h.open("r1", as: "alpha")
        #expect(h.state.registeredAddresses == ["alpha".bytes])
        #expect(h.state.sessionCount == 1)
    }

    @Test func commandBeforeOpenGetsError500AndKeepsAStartSession() {
        var h = Harness()
        #expect(h.feed("r1", .connectionPing) == [Sent("r1", .commandInvalid)])
        #expect(h.state.sessionCount == 1)
        #expect(h.state.registeredAddresses.isEmpty)
        h.open("r1")
    }

    @Test func closeBeforeOpenDestroysTheSession() {
        var h = Harness()
        #expect(h.feed("r1", .connectionClose) == [Sent("r1", .success)])
        #expect(h.state.sessionCount == 0)
    }

    @Test func takeoverEvictsTheHolderWithoutSendingItAnything() {
        var h = Harness()
        h.open("old", as: "name")
        let outputs = h.state.handle(routingID: "new".bytes, frames: MLMCodec.encode(.connectionOpen(address: "name".bytes)), now: h.now)
        #expect(sends(outputs) == [Sent("new", .success)])
        #expect(outputs.contains(.log(.sessionTakenOver(address: "name".bytes, evicted: "old".bytes, by: "new".bytes))))
        #expect(h.state.sessionCount == 1)
        #expect(h.feed("old", .connectionPing) == [Sent("old", .commandInvalid)])
    }

    @Test func anonymousSessionsRegisterNoAddress() {
        var h = Harness()
        h.open("r1", as: "")
        h.open("r2", as: "")
        #expect(h.state.registeredAddresses.isEmpty)
        #expect(h.state.sessionCount == 2)
    }

    @Test func secondOpenKillsTheSessionAndFreesItsAddress() {
        var h = Harness()
        h.open("r1", as: "a")
        #expect(h.feed("r1", .connectionOpen(address: "b".bytes)) == [Sent("r1", .commandInvalid)])
        #expect(h.state.sessionCount == 0)
        #expect(h.state.registeredAddresses.isEmpty)
    }

    @Test func confirmGetsError300AndKillsTheSession() {
        var h = Harness()
        h.open("r1")
        #expect(h.feed("r1", .confirm(tracker: [], code: 200, reason: [])) == [Sent("r1", .failed)])
        #expect(h.state.sessionCount == 0)
    }

    @Test func creditIsIgnored() {
        var h = Harness()
        h.open("r1")
        #expect(h.feed("r1", .credit(amount: 5)).isEmpty)
        #expect(h.feed("r1", .connectionPing) == [Sent("r1", .connectionPong)])
    }

    @Test func malformedInputCreatesASessionAndIsNeitherAnsweredNorActedUpon() {
        var h = Harness()
        let outputs = h.feedRaw("r1", [[0xAA, 0xA8, 0x07, 0x05, 0x74], [0x78]])
        #expect(outputs.count == 1)
        guard case .log(.malformedMessage(let peer, let frameCount, let error)) = outputs.first else {
            Issue.record("expected a malformed-message log, got \(outputs)")
            return
        }
        #expect(peer == "r1".bytes)
        #expect(frameCount == 2)
        guard case .truncated(.streamSend, _) = error else {
            Issue.record("expected a truncated STREAM_SEND, got \(error)")
            return
        }
        #expect(h.state.sessionCount == 1)
        #expect(h.feedRaw("r2", []).count == 1)
    }

    @Test func silentSessionsExpireAndLoseTheirRegistrations() {
        var h = Harness(sessionTimeout: .seconds(5))
        h.open("quiet", as: "quiet")
        h.open("busy", as: "busy")
        #expect(h.feed("quiet", .streamRead(stream: "S".bytes, pattern: ".*".bytes)) == [Sent("quiet", .success)])
        #expect(h.advance(.seconds(3)).isEmpty)
        h.feed("busy", .connectionPing)
        // Malformed input refreshes a session too (wire.md §2.5.1).
        _ = h.feedRaw("garbage", [[0x00]])
        let expired = h.advance(.seconds(2))
        #expect(expired == [.log(.sessionExpired(routingID: "quiet".bytes, address: "quiet".bytes))])
        #expect(h.state.registeredAddresses == ["busy".bytes])
        #expect(h.state.sessionCount == 2)
        #expect(h.advance(.seconds(3)).count == 2)
        #expect(h.state.sessionCount == 0)
    }

    @Test func withoutTimeoutSessionsNeverExpire() {
        var h = Harness(sessionTimeout: nil)
        h.open("r1")
        #expect(h.advance(.seconds(86_400)).isEmpty)
        #expect(h.state.sessionCount == 1)
    }
}

@Suite struct BrokerStateStreamTests {
    @Test func fanOutFollowsSelectorCreationOrderThenSubscriptionOrder() {
        var h = Harness()
        for peer in ["p", "c1", "c2"] { h.open(peer) }
        h.feed("c2", .streamRead(stream: "S".bytes, pattern: ".*".bytes))
        h.feed("c1", .streamRead(stream: "S".bytes, pattern: "x.*".bytes))
        h.feed("c1", .streamRead(stream: "S".bytes, pattern: ".*".bytes))
        h.feed("c1", .streamRead(stream: "S".bytes, pattern: ".*".bytes))
        h.feed("p", .streamWrite(stream: "S".bytes))
        let message = streamDeliver("S", from: "p", "xy", [[1], [2]])
        #expect(
            h.feed("p", .streamSend(subject: "xy".bytes, content: [[1], [2]]))
                == [Sent("c2", message), Sent("c1", message), Sent("c1", message)])
    }

    @Test func publisherIsExcludedFromItsOwnPublication() {
        var h = Harness()
        h.open("p")
        h.open("c")
        h.feed("p", .streamRead(stream: "S".bytes, pattern: ".*".bytes))
        h.feed("c", .streamRead(stream: "S".bytes, pattern: ".*".bytes))
        h.feed("p", .streamWrite(stream: "S".bytes))
        #expect(h.feed("p", .streamSend(subject: "x".bytes, content: [])) == [Sent("c", streamDeliver("S", from: "p", "x", []))])
    }

    @Test func emptySubjectMatchesNoUnanchoredPattern() {
        var h = Harness()
        h.open("p")
        h.open("c")
        h.feed("c", .streamRead(stream: "S".bytes, pattern: ".*".bytes))
        h.feed("p", .streamWrite(stream: "S".bytes))
        #expect(h.feed("p", .streamSend(subject: [], content: [[1]])).isEmpty)
    }

    @Test func cancelRemovesEverySubscriptionOnThatStreamOnly() {
        var h = Harness()
        h.open("p")
        h.open("c")
        h.feed("c", .streamRead(stream: "S".bytes, pattern: ".*".bytes))
        h.feed("c", .streamRead(stream: "S".bytes, pattern: "x.*".bytes))
        h.feed("c", .streamRead(stream: "T".bytes, pattern: ".*".bytes))
        #expect(h.feed("c", .streamCancel(stream: "S".bytes)) == [Sent("c", .success)])
        h.feed("p", .streamWrite(stream: "S".bytes))
        #expect(h.feed("p", .streamSend(subject: "x".bytes, content: [])).isEmpty)
        h.feed("p", .streamWrite(stream: "T".bytes))
        #expect(h.feed("p", .streamSend(subject: "x".bytes, content: [])) == [Sent("c", streamDeliver("T", from: "p", "x", []))])
    }

    @Test func streamsAreCreatedByWriteReadAndCancelInThatOrder() {
        var h = Harness()
        h.open("c")
        h.feed("c", .streamCancel(stream: "C".bytes))
        h.feed("c", .streamWrite(stream: "W".bytes))
        h.feed("c", .streamRead(stream: "R".bytes, pattern: ".*".bytes))
        h.feed("c", .streamRead(stream: "W".bytes, pattern: ".*".bytes))
        #expect(h.state.streamNames == ["C".bytes, "W".bytes, "R".bytes])
    }

    @Test func sendWithoutProducerGetsError300AndDeregisters() {
        var h = Harness()
        h.open("p")
        h.open("c")
        h.feed("c", .streamRead(stream: "S".bytes, pattern: ".*".bytes))
        #expect(h.feed("c", .streamSend(subject: "x".bytes, content: [])) == [Sent("c", .failed)])
        h.feed("p", .streamWrite(stream: "S".bytes))
        #expect(h.feed("p", .streamSend(subject: "x".bytes, content: [])).isEmpty)
    }

    @Test func invalidPatternIsAcceptedWithOK() {
        var h = Harness()
        h.open("c")
        #expect(h.feed("c", .streamRead(stream: "S".bytes, pattern: "a)".bytes)) == [Sent("c", .success)])
        #expect(h.feed("c", .streamRead(stream: "S".bytes, pattern: "(a".bytes)) == [Sent("c", .success)])
    }

    @Test
    func invalidPatternMatchesNothingAndAnchoredPatternsFilter() {
        var h = Harness()
        h.open("p")
        h.open("bad")
        h.open("anchored")
        h.feed("bad", .streamRead(stream: "S".bytes, pattern: "a)".bytes))
        h.feed("anchored", .streamRead(stream: "S".bytes, pattern: "^temperature@.*".bytes))
        h.feed("p", .streamWrite(stream: "S".bytes))
        #expect(h.feed("p", .streamSend(subject: "humidity@a".bytes, content: [])).isEmpty)
        #expect(
            h.feed("p", .streamSend(subject: "temperature@a".bytes, content: []))
                == [Sent("anchored", streamDeliver("S", from: "p", "temperature@a", []))])
    }
}

@Suite struct BrokerStateMailboxTests {
    @Test func mailForAPresentClientIsDeliveredAtOnceWithItsTracker() {
        var h = Harness()
        h.open("a")
        h.open("b")
        #expect(
            h.feed("a", .mailboxSend(address: "b".bytes, subject: "s".bytes, tracker: "t".bytes, timeout: 9, content: [[1]]))
                == [Sent("b", .mailboxDeliver(sender: "a".bytes, address: "b".bytes, subject: "s".bytes, tracker: "t".bytes, content: [[1]]))])
    }

    @Test func mailForAnAbsentClientIsStoredThenDrainedFIFOAfterTheOK() {
        var h = Harness()
        h.open("a")
        for index: UInt8 in 1...3 {
            #expect(h.feed("a", .mailboxSend(address: "late".bytes, subject: [index], tracker: [index], timeout: 0, content: [[index]])).isEmpty)
        }
        #expect(h.state.storedMailCount(for: "late".bytes) == 3)
        let replies = h.feed("r9", .connectionOpen(address: "late".bytes))
        #expect(
            replies
                == [Sent("r9", .success)]
                + (1...3).map { (index: UInt8) in
                    Sent("r9", .mailboxDeliver(sender: "a".bytes, address: "late".bytes, subject: [index], tracker: [index], content: [[index]]))
                })
        #expect(h.state.storedMailCount(for: "late".bytes) == 0)
    }

    @Test func storedMailNeverExpires() {
        var h = Harness(sessionTimeout: .seconds(1))
        h.open("a")
        h.feed("a", .mailboxSend(address: "late".bytes, subject: [], tracker: [], timeout: 1, content: []))
        _ = h.advance(.seconds(3600))
        #expect(h.state.storedMailCount(for: "late".bytes) == 1)
    }

    @Test func mailToSelfAndFromAnonymous() {
        var h = Harness()
        h.open("me")
        h.open("anon", as: "")
        #expect(
            h.feed("me", .mailboxSend(address: "me".bytes, subject: [], tracker: [], timeout: 0, content: []))
                == [Sent("me", .mailboxDeliver(sender: "me".bytes, address: "me".bytes, subject: [], tracker: [], content: []))])
        #expect(
            h.feed("anon", .mailboxSend(address: "me".bytes, subject: [], tracker: [], timeout: 0, content: []))
                == [Sent("me", .mailboxDeliver(sender: [], address: "me".bytes, subject: [], tracker: [], content: []))])
    }

    @Test func anonymousOpenDoesNotDrainMailStoredUnderTheEmptyName() {
        var h = Harness()
        h.open("a")
        h.feed("a", .mailboxSend(address: [], subject: [], tracker: [], timeout: 0, content: []))
        h.open("anon", as: "")
        #expect(h.state.storedMailCount(for: []) == 1)
    }
}

@Suite struct BrokerStateServiceTests {
    private static func send(_ subject: [UInt8], _ tag: UInt8) -> MLMMessage {
        .serviceSend(address: "svc".bytes, subject: subject, tracker: [tag], timeout: 0, content: [[tag]])
    }

    private static func deliver(_ subject: [UInt8], _ tag: UInt8) -> MLMMessage {
        .serviceDeliver(sender: "c".bytes, address: "svc".bytes, subject: subject, tracker: [tag], content: [[tag]])
    }

    @Test func roundRobinMovesTheChosenOfferToTheEnd() {
        var h = Harness()
        for peer in ["w1", "w2", "c"] { h.open(peer) }
        h.feed("w1", .serviceOffer(address: "svc".bytes, pattern: ".*".bytes))
        h.feed("w2", .serviceOffer(address: "svc".bytes, pattern: ".*".bytes))
        h.feed("w1", .serviceOffer(address: "svc".bytes, pattern: ".*".bytes))
        let workers = (1...6).flatMap { h.feed("c", Self.send("x".bytes, UInt8($0))).map(\.peer) }
        #expect(workers == ["w1", "w2", "w1", "w1", "w2", "w1"])
    }

    @Test func queuedRequestsAreDispatchedAfterTheOfferOKAndUnmatchedOnesStay() {
        var h = Harness()
        h.open("c")
        h.open("w")
        #expect(h.feed("c", Self.send("a".bytes, 1)).isEmpty)
        #expect(h.feed("c", Self.send([], 2)).isEmpty)  // an empty subject matches no unanchored pattern
        #expect(h.feed("c", Self.send("b".bytes, 3)).isEmpty)
        #expect(h.state.queuedRequestCount(for: "svc".bytes) == 3)
        #expect(
            h.feed("w", .serviceOffer(address: "svc".bytes, pattern: ".*".bytes))
                == [Sent("w", .success), Sent("w", Self.deliver("a".bytes, 1)), Sent("w", Self.deliver("b".bytes, 3))])
        #expect(h.state.queuedRequestCount(for: "svc".bytes) == 1)
    }

    @Test func offersDisappearWhenTheirSessionCloses() {
        var h = Harness()
        h.open("c")
        h.open("w")
        h.feed("w", .serviceOffer(address: "svc".bytes, pattern: ".*".bytes))
        h.feed("w", .connectionClose)
        #expect(h.feed("c", Self.send("a".bytes, 1)).isEmpty)
        #expect(h.state.queuedRequestCount(for: "svc".bytes) == 1)
    }
}
