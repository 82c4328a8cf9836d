import MalamuteBroker
import MalamuteProtocol
import Testing

/// Services over real sockets (wire.md §2.5.7).
@Suite struct BrokerServiceTests {
    private static func request(_ subject: String, _ tag: UInt8) -> MLMMessage {
        .serviceSend(address: "svc".bytes, subject: subject.bytes, tracker: [tag], timeout: 1000, content: [[tag]])
    }

    private static func delivery(_ subject: String, _ tag: UInt8) -> MLMMessage {
        .serviceDeliver(sender: "client".bytes, address: "svc".bytes, subject: subject.bytes, tracker: [tag], content: [[tag]])
    }

    @Test func requestsAreDistributedRoundRobin() throws {
        let broker = try startBroker()
        let first = try RawPeer(broker)
        let second = try RawPeer(broker)
        let client = try RawPeer(broker)
        try first.open("worker-1")
        try second.open("worker-2")
        try client.open("client")
        #expect(try first.request(.serviceOffer(address: "svc".bytes, pattern: ".*".bytes)) == .success)
        #expect(try second.request(.serviceOffer(address: "svc".bytes, pattern: ".*".bytes)) == .success)
        for tag: UInt8 in 1...4 {
            try client.send(Self.request("job", tag))
        }
        #expect(try first.receive() == Self.delivery("job", 1))
        #expect(try first.receive() == Self.delivery("job", 3))
        #expect(try second.receive() == Self.delivery("job", 2))
        #expect(try second.receive() == Self.delivery("job", 4))
        #expect(try first.nextIsPong())
        #expect(try second.nextIsPong())
        #expect(try client.nextIsPong())
    }

    @Test func queuedRequestsAreDispatchedInOrderAfterTheOfferOK() throws {
        let broker = try startBroker()
        let client = try RawPeer(broker)
        try client.open("client")
        try client.send(Self.request("a", 1))
        try client.send(Self.request("b", 2))
        #expect(try client.nextIsPong())

        let worker = try RawPeer(broker)
        try worker.open("worker")
        #expect(try worker.request(.serviceOffer(address: "svc".bytes, pattern: ".*".bytes)) == .success)
        #expect(try worker.receive() == Self.delivery("a", 1))
        #expect(try worker.receive() == Self.delivery("b", 2))
        #expect(try worker.nextIsPong())
    }

    @Test func offersDisappearWithTheirSession() throws {
        let broker = try startBroker()
        let leaving = try RawPeer(broker)
        let client = try RawPeer(broker)
        try leaving.open("leaving")
        try client.open("client")
        #expect(try leaving.request(.serviceOffer(address: "svc".bytes, pattern: ".*".bytes)) == .success)
        #expect(try leaving.request(.connectionClose) == .success)
        try client.send(Self.request("a", 1))
        #expect(try client.nextIsPong())

        let worker = try RawPeer(broker)
        try worker.open("worker")
        #expect(try worker.request(.serviceOffer(address: "svc".bytes, pattern: ".*".bytes)) == .success)
        #expect(try worker.receive() == Self.delivery("a", 1))
    }

    @Test
    func requestsGoToTheFirstOfferWhosePatternMatches() throws {
        let broker = try startBroker()
        let alarms = try RawPeer(broker)
        let reports = try RawPeer(broker)
        let client = try RawPeer(broker)
        try alarms.open("alarms")
        try reports.open("reports")
        try client.open("client")
        #expect(try alarms.request(.serviceOffer(address: "svc".bytes, pattern: "^alarm".bytes)) == .success)
        try client.send(Self.request("report-1", 1))
        try client.send(Self.request("alarm-1", 2))
        #expect(try alarms.receive() == Self.delivery("alarm-1", 2))
        #expect(try reports.request(.serviceOffer(address: "svc".bytes, pattern: "^report".bytes)) == .success)
        #expect(try reports.receive() == Self.delivery("report-1", 1))
        #expect(try alarms.nextIsPong())
    }
}
