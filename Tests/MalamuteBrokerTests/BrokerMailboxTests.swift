import MalamuteBroker
import MalamuteProtocol
import Testing

/// Mailboxes over real sockets (wire.md §2.5.6).
@Suite struct BrokerMailboxTests {
    @Test func mailReachesTheRecipientWithSenderSubjectTrackerAndContent() throws {
        let broker = try startBroker()
        let alice = try RawPeer(broker)
        let bob = try RawPeer(broker)
        try alice.open("fty-autoconfig")
        try bob.open("fty-alert-engine")
        try alice.send(
            .mailboxSend(
                address: "fty-alert-engine".bytes, subject: "rfc-evaluator-rules".bytes, tracker: "uuid-1".bytes,
                timeout: 5000, content: [Array("ADD".utf8), [], [0x00, 0xFF]]))
        #expect(
            try bob.receive()
                == .mailboxDeliver(
                    sender: "fty-autoconfig".bytes, address: "fty-alert-engine".bytes,
                    subject: "rfc-evaluator-rules".bytes, tracker: "uuid-1".bytes, content: [Array("ADD".utf8), [], [0x00, 0xFF]]))
        #expect(try alice.nextIsPong())
    }

    @Test func mailForAnAbsentClientIsHeldAndDrainedInOrderRightAfterItsOK() throws {
        let broker = try startBroker()
        let sender = try RawPeer(broker)
        try sender.open("sender")
        for index: UInt8 in 1...3 {
            try sender.send(
                .mailboxSend(address: "late".bytes, subject: "s\(index)".bytes, tracker: "t\(index)".bytes, timeout: 1, content: [[index]]))
        }
        #expect(try sender.nextIsPong())

        let late = try RawPeer(broker)
        #expect(try late.open("late") == .success)
        for index: UInt8 in 1...3 {
            #expect(
                try late.receive()
                    == .mailboxDeliver(
                        sender: "sender".bytes, address: "late".bytes, subject: "s\(index)".bytes, tracker: "t\(index)".bytes,
                        content: [[index]]))
        }
        #expect(try late.nextIsPong())
    }

    @Test func drainedMailIsGoneForTheNextHolderOfTheName() throws {
        let broker = try startBroker()
        let sender = try RawPeer(broker)
        try sender.open("sender")
        try sender.send(.mailboxSend(address: "late".bytes, subject: "s".bytes, tracker: [], timeout: 0, content: []))
        #expect(try sender.nextIsPong())
        let first = try RawPeer(broker)
        #expect(try first.open("late") == .success)
        #expect(try first.receive() == .mailboxDeliver(sender: "sender".bytes, address: "late".bytes, subject: "s".bytes, tracker: [], content: []))
        #expect(try first.request(.connectionClose) == .success)
        let second = try RawPeer(broker)
        #expect(try second.open("late") == .success)
        #expect(try second.nextIsPong())
    }

    @Test func mailToSelfIsDelivered() throws {
        let broker = try startBroker()
        let peer = try RawPeer(broker)
        try peer.open("narcissus")
        try peer.send(.mailboxSend(address: "narcissus".bytes, subject: "me".bytes, tracker: "t".bytes, timeout: 0, content: [[9]]))
        #expect(
            try peer.receive()
                == .mailboxDeliver(sender: "narcissus".bytes, address: "narcissus".bytes, subject: "me".bytes, tracker: "t".bytes, content: [[9]]))
    }

    @Test func anonymousSessionDoesNotReceiveMailStoredUnderTheEmptyName() throws {
        let broker = try startBroker()
        let sender = try RawPeer(broker)
        try sender.open("sender")
        try sender.send(.mailboxSend(address: [], subject: "s".bytes, tracker: [], timeout: 0, content: [[1]]))
        #expect(try sender.nextIsPong())
        let anonymous = try RawPeer(broker)
        #expect(try anonymous.open("") == .success)
        #expect(try anonymous.nextIsPong())
    }
}
