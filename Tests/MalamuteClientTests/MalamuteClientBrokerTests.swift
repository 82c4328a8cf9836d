import MalamuteBroker
import MalamuteProtocol
import Testing
import TestSupport

@testable import MalamuteClient

/// The client against the embedded broker over real sockets (wire.md §2.4–2.5, §3.3).
@Suite struct MalamuteClientBrokerTests {
    private func startBroker(_ endpoint: String = uniqueEndpoint("client-broker")) throws -> MalamuteBroker {
        try MalamuteBroker(configuration: BrokerConfiguration(endpoints: [endpoint]))
    }

    private func connectedClient(
        _ endpoint: String, _ name: String, heartbeat: Duration = .seconds(1)
    ) throws -> MalamuteClient {
        let client = MalamuteClient(
            configuration: ClientConfiguration(endpoint: endpoint, name: name, timeout: .seconds(2), heartbeat: heartbeat))
        try client.connect()
        return client
    }

    /// Whether `client` eventually gets both a mail and a publication from `peer` (the producer of
    /// a stream `client` consumes), i.e. is served again after the broker dropped its session.
    private func getsMailAndPublications(_ client: MalamuteClient, from peer: MalamuteClient) -> Bool {
        var gotMail = false
        var gotPublication = false
        return eventually {
            try? peer.sendTo(address: client.name, subject: "mail", content: ["m"])
            try? peer.send(subject: "pub", content: ["p"])
            while let delivery = try? client.receive(timeout: .milliseconds(10)) {
                if delivery.kind == .mailbox { gotMail = true }
                if delivery.kind == .stream { gotPublication = true }
            }
            return gotMail && gotPublication
        }
    }

    @Test func producerToConsumerRoundTrip() throws {
        let broker = try startBroker()
        defer { broker.stop() }
        let endpoint = broker.configuration.endpoints[0]
        let producer = try connectedClient(endpoint, "producer")
        let consumer = try connectedClient(endpoint, "consumer")
        defer { producer.close(); consumer.close() }
        try producer.setProducer(stream: "METRICS")
        try consumer.setConsumer(stream: "METRICS", pattern: ".*")
        try producer.send(subject: "temperature@room", content: [[0x01, 0x00], [], [0xFF]])

        let delivery = try #require(try consumer.receive(timeout: .seconds(2)))
        #expect(delivery.kind == .stream)
        #expect(delivery.addressString == "METRICS")
        #expect(delivery.senderString == "producer")
        #expect(delivery.subjectString == "temperature@room")
        #expect(delivery.content == [[0x01, 0x00], [], [0xFF]])
        #expect(try consumer.receive(timeout: .milliseconds(50)) == nil)
    }

    @Test
    func consumersGetOnlyTheSubjectsTheirPatternMatches() throws {
        let broker = try startBroker()
        defer { broker.stop() }
        let endpoint = broker.configuration.endpoints[0]
        let producer = try connectedClient(endpoint, "producer")
        let consumer = try connectedClient(endpoint, "consumer")
        defer { producer.close(); consumer.close() }
        try producer.setProducer(stream: "METRICS")
        try consumer.setConsumer(stream: "METRICS", pattern: "^temperature@")
        try producer.send(subject: "humidity@room", content: ["ignored"])
        try producer.send(subject: "temperature@room", content: ["kept"])
        #expect(try consumer.receive(timeout: .seconds(2))?.subjectString == "temperature@room")
        #expect(try consumer.receive(timeout: .milliseconds(50)) == nil)
    }

    @Test func mailboxRoundTripEchoesTheTracker() throws {
        let broker = try startBroker()
        defer { broker.stop() }
        let endpoint = broker.configuration.endpoints[0]
        let requester = try connectedClient(endpoint, "requester")
        let agent = try connectedClient(endpoint, "fty-alert-engine")
        defer { requester.close(); agent.close() }
        try requester.sendTo(
            address: "fty-alert-engine", subject: "rfc-evaluator-rules", content: ["LIST", "uuid-1"], tracker: "tr-9",
            timeout: .seconds(5))

        let request = try #require(try agent.receive(timeout: .seconds(2)))
        #expect(request.kind == .mailbox)
        #expect(request.senderString == "requester")
        #expect(request.addressString == "fty-alert-engine")
        #expect(request.subjectString == "rfc-evaluator-rules")
        #expect(request.trackerString == "tr-9")
        #expect(request.contentStrings == ["LIST", "uuid-1"])

        try agent.sendTo(
            address: request.senderString, subject: request.subjectString, content: ["OK", "uuid-1"],
            tracker: request.trackerString)
        let reply = try #require(try requester.receive(timeout: .seconds(2)))
        #expect(reply.senderString == "fty-alert-engine")
        #expect(reply.trackerString == "tr-9")
        #expect(reply.contentStrings == ["OK", "uuid-1"])
    }

    @Test func mailSentBeforeTheRecipientConnectsArrivesAfterItsOK() throws {
        let broker = try startBroker()
        defer { broker.stop() }
        let endpoint = broker.configuration.endpoints[0]
        let sender = try connectedClient(endpoint, "early-sender")
        defer { sender.close() }
        try sender.sendTo(address: "late", subject: "first", content: ["1"])
        try sender.sendTo(address: "late", subject: "second", content: ["2"])
        // The stored mail is drained right after the OK, i.e. while connect() waits (§2.4).
        #expect(eventually { (try? sender.receive(timeout: .milliseconds(5))) == nil })
        let late = try connectedClient(endpoint, "late")
        defer { late.close() }
        #expect(try late.receive(timeout: .seconds(2))?.subjectString == "first")
        #expect(try late.receive(timeout: .seconds(2))?.subjectString == "second")
    }

    @Test func serviceRequestReachesTheWorker() throws {
        let broker = try startBroker()
        defer { broker.stop() }
        let endpoint = broker.configuration.endpoints[0]
        let worker = try connectedClient(endpoint, "worker")
        let client = try connectedClient(endpoint, "service-client")
        defer { worker.close(); client.close() }
        try worker.setWorker(service: "convert", pattern: ".*")
        try client.sendFor(service: "convert", subject: "job", content: ["x"], tracker: "t")
        let request = try #require(try worker.receive(timeout: .seconds(2)))
        #expect(request.kind == .service)
        #expect(request.addressString == "convert")
        #expect(request.senderString == "service-client")
        #expect(request.contentStrings == ["x"])
    }

    @Test
    func invalidPatternIsRefusedBeforeSending() throws {
        let broker = try startBroker()
        defer { broker.stop() }
        let client = try connectedClient(broker.configuration.endpoints[0], "picky")
        defer { client.close() }
        #expect(throws: MalamuteClientError.invalidPattern("a(")) {
            try client.setConsumer(stream: "METRICS", pattern: "a(")
        }
        #expect(client.isConnected)
        try client.setConsumer(stream: "METRICS", pattern: ".*")
    }

    @Test func subjectsLongerThan255BytesAreRefused() throws {
        let broker = try startBroker()
        defer { broker.stop() }
        let client = try connectedClient(broker.configuration.endpoints[0], "long-subjects")
        defer { client.close() }
        try client.setProducer(stream: "S")
        #expect(throws: MalamuteClientError.stringTooLong(field: "subject", byteCount: 256)) {
            try client.send(subject: String(repeating: "s", count: 256), content: ["x"])
        }
        #expect(client.isConnected)
    }

    @Test func sameNameClientsFightAndTheOneThatIsServedWorks() throws {
        let broker = try startBroker()
        defer { broker.stop() }
        let endpoint = broker.configuration.endpoints[0]
        let first = try connectedClient(endpoint, "dup", heartbeat: .milliseconds(20))
        try first.setConsumer(stream: "S", pattern: ".*")
        // The second takes the name over; the broker silently drops the first session (§2.5.3).
        let second = try connectedClient(endpoint, "dup", heartbeat: .milliseconds(20))
        let producer = try connectedClient(endpoint, "publisher")
        defer { first.close(); second.close(); producer.close() }
        try producer.setProducer(stream: "S")

        // Only `first` is served now: its next PING gets ERROR 500, it re-opens (taking the name
        // back) and replays its subscription, so it gets mail and publications again.
        #expect(getsMailAndPublications(first, from: producer))
        #expect(first.isConnected)
    }

    @Test func publishingWithoutProducerEarnsError300ButTheClientRecovers() throws {
        // wire.md §2.5.2: STREAM_SEND without STREAM_WRITE → ERROR 300 and the broker drops the
        // session. A reference client stops for good; ours logs it and re-opens on the next PING.
        let broker = try startBroker()
        defer { broker.stop() }
        let endpoint = broker.configuration.endpoints[0]
        let careless = try connectedClient(endpoint, "careless", heartbeat: .milliseconds(20))
        let peer = try connectedClient(endpoint, "peer")
        defer { careless.close(); peer.close() }
        try careless.setConsumer(stream: "S", pattern: ".*")
        try careless.send(subject: "oops", content: ["no producer"])
        try peer.setProducer(stream: "S")
        #expect(getsMailAndPublications(careless, from: peer))
        #expect(careless.isConnected)
    }

    @Test func clientSurvivesABrokerRestart() throws {
        let endpoint = uniqueEndpoint("client-restart")
        var broker = try startBroker(endpoint)
        let client = try connectedClient(endpoint, "survivor", heartbeat: .milliseconds(20))
        defer { client.close() }
        try client.setProducer(stream: "OUT")
        try client.setConsumer(stream: "IN", pattern: ".*")

        broker.stop()
        // Silence for 4 heartbeats: disconnected, but the client keeps pinging (§3.3, §6.2).
        #expect(eventually { _ = try? client.receive(timeout: .milliseconds(10)); return client.state == .disconnected })
        broker = try startBroker(endpoint)
        defer { broker.stop() }

        let publisher = try connectedClient(endpoint, "publisher")
        let watcher = try connectedClient(endpoint, "watcher")
        defer { publisher.close(); watcher.close() }
        try publisher.setProducer(stream: "IN")
        try watcher.setConsumer(stream: "OUT", pattern: ".*")

        // ERROR 500 to a ping → re-open → replay of producer OUT and consumer IN.
        var received: MalamuteDelivery?
        let resubscribed = eventually {
            try? publisher.send(subject: "keep-me", content: ["after restart"])
            received = try? client.receive(timeout: .milliseconds(10))
            return received != nil
        }
        #expect(resubscribed)
        #expect(received?.subjectString == "keep-me")
        #expect(received?.contentStrings == ["after restart"])
        #expect(client.isConnected)

        try client.send(subject: "from-survivor", content: ["y"])
        let published = try #require(try watcher.receive(timeout: .seconds(2)))
        #expect(published.senderString == "survivor")
        #expect(published.subjectString == "from-survivor")
    }

    @Test func floodingWithoutReadingNeverDeadlocks() throws {
        // decisions.md D1: a client writing far more than any HWM while not reading must neither
        // block nor lose messages; here every message comes back through an echo.
        let broker = try startBroker()
        defer { broker.stop() }
        let endpoint = broker.configuration.endpoints[0]
        let source = try connectedClient(endpoint, "source")
        let echo = try connectedClient(endpoint, "echo")
        defer { source.close(); echo.close() }
        try source.setProducer(stream: "OUT")
        try source.setConsumer(stream: "BACK", pattern: ".*")
        try echo.setProducer(stream: "BACK")
        try echo.setConsumer(stream: "OUT", pattern: ".*")

        let count = 5000
        for index in 0..<count { try source.send(subject: "m\(index)", content: [Array(repeating: 0x42, count: 200)]) }
        var echoed = 0
        while echoed < count, let delivery = try echo.receive(timeout: .seconds(5)) {
            try echo.send(subject: delivery.subjectString, content: delivery.content)
            echoed += 1
        }
        var back: [String] = []
        while back.count < count, let delivery = try source.receive(timeout: .seconds(5)) {
            back.append(delivery.subjectString)
        }
        #expect(echoed == count)
        #expect(back == (0..<count).map { "m\($0)" })
    }
}
