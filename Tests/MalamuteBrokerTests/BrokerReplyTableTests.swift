import MalamuteBroker
import MalamuteProtocol
import Testing

/// wire.md §2.5.2, row by row, over real sockets.
@Suite struct BrokerReplyTableTests {
    // MARK: state `start`

    @Test func openIsAnsweredWithOK200AndEmptyReason() throws {
        let broker = try startBroker()
        let peer = try RawPeer(broker)
        try peer.send(.connectionOpen(address: "a".bytes))
        // wire.md §2.3 byte example: OK 200 "" is exactly AA A8 0E 00 C8 00, alone.
        #expect(try peer.receiveFrames() == [[0xAA, 0xA8, 0x0E, 0x00, 0xC8, 0x00]])
    }

    @Test func closeBeforeOpenIsAnsweredWithOK() throws {
        let broker = try startBroker()
        let peer = try RawPeer(broker)
        #expect(try peer.request(.connectionClose) == .success)
        #expect(try peer.open("after-close") == .success)
    }

    @Test(arguments: [
        MLMMessage.connectionPing,
        .streamWrite(stream: "S".bytes),
        .streamRead(stream: "S".bytes, pattern: ".*".bytes),
        .streamCancel(stream: "S".bytes),
        .streamSend(subject: "x".bytes, content: [[1]]),
        .mailboxSend(address: "b".bytes, subject: "s".bytes, tracker: [], timeout: 0, content: []),
        .serviceSend(address: "svc".bytes, subject: "s".bytes, tracker: [], timeout: 0, content: []),
        .serviceOffer(address: "svc".bytes, pattern: ".*".bytes),
        .credit(amount: 10),
        .confirm(tracker: "t".bytes, code: 200, reason: []),
        .connectionPong,
        .ok(code: 200, reason: []),
        .error(code: 500, reason: []),
        .streamDeliver(address: "S".bytes, sender: [], subject: "x".bytes, content: []),
        .mailboxDeliver(sender: [], address: "a".bytes, subject: [], tracker: [], content: []),
        .serviceDeliver(sender: [], address: "svc".bytes, subject: [], tracker: [], content: []),
    ])
    func anythingElseBeforeOpenGetsError500AndTheSessionStaysInStart(message: MLMMessage) throws {
        let broker = try startBroker()
        let peer = try RawPeer(broker)
        #expect(try peer.request(message) == .error(code: 500, reason: []))
        #expect(try peer.open("still-start") == .success)
    }

    // MARK: state `connected`

    @Test func streamWriteReadAndCancelAreAnsweredWithOK() throws {
        let broker = try startBroker()
        let peer = try RawPeer(broker)
        try peer.open("a")
        #expect(try peer.request(.streamWrite(stream: "S".bytes)) == .success)
        #expect(try peer.request(.streamWrite(stream: "T".bytes)) == .success)
        #expect(try peer.request(.streamRead(stream: "S".bytes, pattern: ".*".bytes)) == .success)
        #expect(try peer.request(.streamCancel(stream: "S".bytes)) == .success)
        #expect(try peer.request(.streamCancel(stream: "never-seen".bytes)) == .success)
    }

    @Test func streamSendWithoutProducerGetsError300AndKillsTheSession() throws {
        let broker = try startBroker()
        let peer = try RawPeer(broker)
        try peer.open("no-producer")
        #expect(try peer.request(.streamSend(subject: "x".bytes, content: [[1]])) == .error(code: 300, reason: []))
        #expect(try peer.sessionIsGone())
    }

    @Test func streamSendMailboxSendServiceSendAndCreditGetNoReply() throws {
        let broker = try startBroker()
        let peer = try RawPeer(broker)
        try peer.open("quiet")
        #expect(try peer.request(.streamWrite(stream: "S".bytes)) == .success)
        try peer.send(.streamSend(subject: "x".bytes, content: [[1]]))
        try peer.send(.mailboxSend(address: "nobody".bytes, subject: "s".bytes, tracker: "t".bytes, timeout: 5000, content: [[2]]))
        try peer.send(.serviceSend(address: "svc".bytes, subject: "s".bytes, tracker: "t".bytes, timeout: 0, content: [[3]]))
        try peer.send(.credit(amount: 10))
        #expect(try peer.nextIsPong())
    }

    @Test func serviceOfferIsAnsweredWithOK() throws {
        let broker = try startBroker()
        let peer = try RawPeer(broker)
        try peer.open("worker")
        #expect(try peer.request(.serviceOffer(address: "svc".bytes, pattern: ".*".bytes)) == .success)
    }

    @Test func pingIsAnsweredWithPong() throws {
        let broker = try startBroker()
        let peer = try RawPeer(broker)
        try peer.open("pinger")
        #expect(try peer.request(.connectionPing) == .connectionPong)
        #expect(try peer.request(.connectionPing) == .connectionPong)
    }

    @Test func closeIsAnsweredWithOKAndEndsTheSession() throws {
        let broker = try startBroker()
        let peer = try RawPeer(broker)
        try peer.open("closer")
        #expect(try peer.request(.connectionClose) == .success)
        #expect(try peer.sessionIsGone())
    }

    @Test func confirmGetsError300AndKillsTheSession() throws {
        let broker = try startBroker()
        let peer = try RawPeer(broker)
        try peer.open("confirmer")
        #expect(try peer.request(.confirm(tracker: "t".bytes, code: 200, reason: "fine".bytes)) == .error(code: 300, reason: []))
        #expect(try peer.sessionIsGone())
    }

    @Test(arguments: [
        MLMMessage.connectionOpen(address: "again".bytes),
        .connectionPong,
        .ok(code: 200, reason: []),
        .error(code: 300, reason: []),
        .streamDeliver(address: "S".bytes, sender: [], subject: "x".bytes, content: [[1]]),
        .mailboxDeliver(sender: [], address: "a".bytes, subject: [], tracker: [], content: []),
        .serviceDeliver(sender: [], address: "svc".bytes, subject: [], tracker: [], content: []),
    ])
    func secondOpenOrBrokerOnlyCommandGetsError500AndKillsTheSession(message: MLMMessage) throws {
        let broker = try startBroker()
        let peer = try RawPeer(broker)
        try peer.open("violator")
        #expect(try peer.request(message) == .error(code: 500, reason: []))
        #expect(try peer.sessionIsGone())
    }

    @Test func killingASessionDeregistersItsAddressAndSubscriptions() throws {
        let broker = try startBroker()
        let victim = try RawPeer(broker)
        let producer = try RawPeer(broker)
        let mailer = try RawPeer(broker)
        try victim.open("victim")
        try producer.open("producer")
        try mailer.open("mailer")
        #expect(try victim.request(.streamRead(stream: "S".bytes, pattern: ".*".bytes)) == .success)
        #expect(try producer.request(.streamWrite(stream: "S".bytes)) == .success)
        #expect(try victim.request(.confirm(tracker: [], code: 200, reason: [])) == .error(code: 300, reason: []))

        // Same routing id re-opens: a fresh session without the old subscription.
        #expect(try victim.open("victim") == .success)
        try producer.send(.streamSend(subject: "x".bytes, content: [[1]]))
        #expect(try producer.nextIsPong())
        #expect(try victim.nextIsPong())

        // The address was freed, then registered again by the new session: mail goes there.
        try mailer.send(.mailboxSend(address: "victim".bytes, subject: "s".bytes, tracker: [], timeout: 0, content: [[7]]))
        #expect(
            try victim.receive()
                == .mailboxDeliver(sender: "mailer".bytes, address: "victim".bytes, subject: "s".bytes, tracker: [], content: [[7]]))
    }
}
