import MalamuteBroker
import MalamuteProtocol
import TestSupport
import Testing

/// Sessions over real sockets: unknown peers, takeover, anonymous sessions, expiry.
@Suite struct BrokerSessionTests {
    @Test func pingFromAnUnknownRoutingIDGetsError500() throws {
        let broker = try startBroker()
        let peer = try RawPeer(broker)
        // wire.md §2.5.4: the exact signal mlm_client re-opens on.
        try peer.send(.connectionPing)
        #expect(try peer.receiveFrames() == [[0xAA, 0xA8, 0x0F, 0x01, 0xF4, 0x00]])
    }

    @Test func sameNameTakeoverEvictsTheOldSessionSilently() throws {
        let broker = try startBroker()
        let first = try RawPeer(broker)
        let second = try RawPeer(broker)
        let mailer = try RawPeer(broker)
        try first.open("dup")
        try mailer.open("mailer")
        #expect(try second.open("dup") == .success)

        // Nothing was sent to the evicted session: the first thing it sees is the ERROR 500 to its PING.
        #expect(try first.sessionIsGone())
        try mailer.send(.mailboxSend(address: "dup".bytes, subject: "s".bytes, tracker: [], timeout: 0, content: [[1]]))
        #expect(
            try second.receive()
                == .mailboxDeliver(sender: "mailer".bytes, address: "dup".bytes, subject: "s".bytes, tracker: [], content: [[1]]))
    }

    @Test func evictedSessionLosesItsSubscriptions() throws {
        let broker = try startBroker()
        let first = try RawPeer(broker)
        let second = try RawPeer(broker)
        let producer = try RawPeer(broker)
        try first.open("dup")
        try producer.open("producer")
        #expect(try first.request(.streamRead(stream: "S".bytes, pattern: ".*".bytes)) == .success)
        #expect(try producer.request(.streamWrite(stream: "S".bytes)) == .success)
        try second.open("dup")
        try producer.send(.streamSend(subject: "x".bytes, content: [[1]]))
        #expect(try producer.nextIsPong())
        #expect(try first.sessionIsGone())
        #expect(try second.nextIsPong())
    }

    @Test func anonymousSessionsSendWithAnEmptySender() throws {
        let broker = try startBroker()
        let anonymous = try RawPeer(broker)
        let named = try RawPeer(broker)
        #expect(try anonymous.open("") == .success)
        try named.open("named")
        #expect(try named.request(.streamRead(stream: "S".bytes, pattern: ".*".bytes)) == .success)
        #expect(try anonymous.request(.streamWrite(stream: "S".bytes)) == .success)

        try anonymous.send(.mailboxSend(address: "named".bytes, subject: "m".bytes, tracker: "t".bytes, timeout: 0, content: [[1]]))
        #expect(
            try named.receive()
                == .mailboxDeliver(sender: [], address: "named".bytes, subject: "m".bytes, tracker: "t".bytes, content: [[1]]))
        try anonymous.send(.streamSend(subject: "x".bytes, content: [[2]]))
        #expect(try named.receive() == .streamDeliver(address: "S".bytes, sender: [], subject: "x".bytes, content: [[2]]))
    }

    @Test func twoAnonymousSessionsDoNotEvictEachOther() throws {
        let broker = try startBroker()
        let a = try RawPeer(broker)
        let b = try RawPeer(broker)
        try a.open("")
        try b.open("")
        #expect(try a.nextIsPong())
        #expect(try b.nextIsPong())
    }

    @Test func silentSessionExpiresAndItsMailIsStoredForTheNextConnector() throws {
        let broker = try startBroker(sessionTimeout: .milliseconds(300))
        let sleepy = try RawPeer(broker)
        let mailer = try RawPeer(broker)
        try sleepy.open("sleepy")
        try mailer.open("mailer")

        // While `sleepy` is registered, probes reach it; once it expired they are stored instead.
        var probe: UInt8 = 0
        let expired = try eventually(timeout: .seconds(5)) {
            probe &+= 1
            try mailer.send(.mailboxSend(address: "sleepy".bytes, subject: "probe".bytes, tracker: [], timeout: 0, content: [[probe]]))
            #expect(try mailer.nextIsPong())
            return try sleepy.receive(timeout: .milliseconds(250)) == nil
        }
        #expect(expired)

        let successor = try RawPeer(broker)
        #expect(try successor.open("sleepy") == .success)
        #expect(
            try successor.receive()
                == .mailboxDeliver(sender: "mailer".bytes, address: "sleepy".bytes, subject: "probe".bytes, tracker: [], content: [[probe]]))
        #expect(try sleepy.sessionIsGone())
    }

    @Test func pingingKeepsASessionAlive() throws {
        let broker = try startBroker(sessionTimeout: .milliseconds(500))
        let peer = try RawPeer(broker)
        try peer.open("alive")
        let start = ContinuousClock.now
        while ContinuousClock.now - start < .milliseconds(1200) {
            #expect(try peer.nextIsPong())
            #expect(try peer.receive(timeout: .milliseconds(50)) == nil)
        }
        #expect(try peer.nextIsPong())
    }
}
