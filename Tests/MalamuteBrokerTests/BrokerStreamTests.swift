import MalamuteBroker
import MalamuteProtocol
import Testing

/// Stream fan-out over real sockets (wire.md §2.5.5).
@Suite struct BrokerStreamTests {
    private static func deliver(_ subject: String, _ content: [[UInt8]], sender: String = "producer", stream: String = "S") -> MLMMessage {
        .streamDeliver(address: stream.bytes, sender: sender.bytes, subject: subject.bytes, content: content)
    }

    @Test func publicationReachesEverySubscriberInOrderWithContentFramesUnchanged() throws {
        let broker = try startBroker()
        let producer = try RawPeer(broker)
        try producer.open("producer")
        let consumers = try (0..<3).map { index in
            let consumer = try RawPeer(broker)
            try consumer.open("consumer-\(index)")
            #expect(try consumer.request(.streamRead(stream: "S".bytes, pattern: ".*".bytes)) == .success)
            return consumer
        }
        #expect(try producer.request(.streamWrite(stream: "S".bytes)) == .success)
        let messages: [(String, [[UInt8]])] = [("a@1", [[1], [], [2, 3]]), ("b@2", []), ("c@3", [[0xFF]])]
        for (subject, content) in messages {
            try producer.send(.streamSend(subject: subject.bytes, content: content))
        }
        for consumer in consumers {
            for (subject, content) in messages {
                #expect(try consumer.receive() == Self.deliver(subject, content))
            }
        }
    }

    @Test func streamDeliverHeaderIsByteExact() throws {
        let broker = try startBroker()
        let producer = try RawPeer(broker)
        let consumer = try RawPeer(broker)
        try producer.open("agent-x")
        try consumer.open("consumer")
        #expect(try consumer.request(.streamRead(stream: "METRICS".bytes, pattern: ".*".bytes)) == .success)
        #expect(try producer.request(.streamWrite(stream: "METRICS".bytes)) == .success)
        try producer.send(.streamSend(subject: "temperature@sensor-1".bytes, content: [[0x42]]))
        // wire.md §2.3 byte example of STREAM_DELIVER.
        let header = "AAA808074D45545249435307616765 6E742D78 1474656D706572617475726540 73656E736F722D31"
        #expect(try consumer.receiveFrames() == [hexBytes(header), [0x42]])
    }

    @Test func publisherNeverReceivesItsOwnPublication() throws {
        let broker = try startBroker()
        let producer = try RawPeer(broker)
        let consumer = try RawPeer(broker)
        try producer.open("producer")
        try consumer.open("consumer")
        #expect(try producer.request(.streamRead(stream: "S".bytes, pattern: ".*".bytes)) == .success)
        #expect(try consumer.request(.streamRead(stream: "S".bytes, pattern: ".*".bytes)) == .success)
        #expect(try producer.request(.streamWrite(stream: "S".bytes)) == .success)
        try producer.send(.streamSend(subject: "x".bytes, content: [[1]]))
        #expect(try consumer.receive() == Self.deliver("x", [[1]]))
        #expect(try producer.nextIsPong())
    }

    @Test func subscriberGetsOneCopyPerMatchingSelector() throws {
        let broker = try startBroker()
        let producer = try RawPeer(broker)
        let consumer = try RawPeer(broker)
        try producer.open("producer")
        try consumer.open("consumer")
        #expect(try consumer.request(.streamRead(stream: "S".bytes, pattern: ".*".bytes)) == .success)
        #expect(try consumer.request(.streamRead(stream: "S".bytes, pattern: "temperature.*".bytes)) == .success)
        // The same pattern twice is the same selector: no third copy.
        #expect(try consumer.request(.streamRead(stream: "S".bytes, pattern: ".*".bytes)) == .success)
        #expect(try producer.request(.streamWrite(stream: "S".bytes)) == .success)
        try producer.send(.streamSend(subject: "temperature@room".bytes, content: [[1]]))
        #expect(try consumer.receive() == Self.deliver("temperature@room", [[1]]))
        #expect(try consumer.receive() == Self.deliver("temperature@room", [[1]]))
        #expect(try consumer.nextIsPong())
    }

    @Test func cancelStopsDeliveriesOfThatStreamOnly() throws {
        let broker = try startBroker()
        let producerS = try RawPeer(broker)
        let producerT = try RawPeer(broker)
        let consumer = try RawPeer(broker)
        try producerS.open("producer-s")
        try producerT.open("producer-t")
        try consumer.open("consumer")
        #expect(try consumer.request(.streamRead(stream: "S".bytes, pattern: ".*".bytes)) == .success)
        #expect(try consumer.request(.streamRead(stream: "S".bytes, pattern: "x.*".bytes)) == .success)
        #expect(try consumer.request(.streamRead(stream: "T".bytes, pattern: ".*".bytes)) == .success)
        #expect(try consumer.request(.streamCancel(stream: "S".bytes)) == .success)
        #expect(try producerS.request(.streamWrite(stream: "S".bytes)) == .success)
        #expect(try producerT.request(.streamWrite(stream: "T".bytes)) == .success)
        try producerS.send(.streamSend(subject: "x".bytes, content: [[1]]))
        #expect(try producerS.nextIsPong())
        try producerT.send(.streamSend(subject: "y".bytes, content: [[2]]))
        #expect(try consumer.receive() == Self.deliver("y", [[2]], sender: "producer-t", stream: "T"))
        #expect(try consumer.nextIsPong())
    }

    @Test func laterStreamWriteReplacesTheProducerStream() throws {
        let broker = try startBroker()
        let producer = try RawPeer(broker)
        let consumer = try RawPeer(broker)
        try producer.open("producer")
        try consumer.open("consumer")
        #expect(try consumer.request(.streamRead(stream: "A".bytes, pattern: ".*".bytes)) == .success)
        #expect(try consumer.request(.streamRead(stream: "B".bytes, pattern: ".*".bytes)) == .success)
        #expect(try producer.request(.streamWrite(stream: "A".bytes)) == .success)
        #expect(try producer.request(.streamWrite(stream: "B".bytes)) == .success)
        try producer.send(.streamSend(subject: "x".bytes, content: [[1]]))
        #expect(try consumer.receive() == Self.deliver("x", [[1]], stream: "B"))
        #expect(try consumer.nextIsPong())
    }

    @Test
    func onlyMatchingSelectorsDeliver() throws {
        let broker = try startBroker()
        let producer = try RawPeer(broker)
        let anchored = try RawPeer(broker)
        let contains = try RawPeer(broker)
        try producer.open("producer")
        try anchored.open("anchored")
        try contains.open("contains")
        #expect(try anchored.request(.streamRead(stream: "S".bytes, pattern: "^temperature@.*".bytes)) == .success)
        #expect(try contains.request(.streamRead(stream: "S".bytes, pattern: "status.*".bytes)) == .success)
        #expect(try producer.request(.streamWrite(stream: "S".bytes)) == .success)
        for subject in ["humidity@temperature@x", "temperature@a", "xstatus", "status", "temperature@status", ""] {
            try producer.send(.streamSend(subject: subject.bytes, content: [subject.bytes]))
        }
        #expect(try anchored.receive() == Self.deliver("temperature@a", ["temperature@a".bytes]))
        #expect(try anchored.receive() == Self.deliver("temperature@status", ["temperature@status".bytes]))
        #expect(try anchored.nextIsPong())
        #expect(try contains.receive() == Self.deliver("xstatus", ["xstatus".bytes]))
        #expect(try contains.receive() == Self.deliver("status", ["status".bytes]))
        #expect(try contains.receive() == Self.deliver("temperature@status", ["temperature@status".bytes]))
        #expect(try contains.nextIsPong())
    }

    @Test func hundredThousandMessagesArriveInOrderWithoutLoss() throws {
        let broker = try startBroker()
        let producer = try RawPeer(broker)
        let consumer = try RawPeer(broker)
        try producer.open("producer")
        try consumer.open("consumer")
        #expect(try consumer.request(.streamRead(stream: "METRICS".bytes, pattern: ".*".bytes)) == .success)
        #expect(try producer.request(.streamWrite(stream: "METRICS".bytes)) == .success)
        let count: UInt32 = 100_000
        let subject = MLMCodec.encodeHeader(.streamSend(subject: "load.default@ups-1".bytes, content: []))
        let padding = [UInt8](repeating: 0x2E, count: 146)
        for sequence in 0..<count {
            try producer.socket.send([subject, withUnsafeBytes(of: sequence.bigEndian, Array.init) + padding])
        }
        var expected: UInt32 = 0
        while expected < count {
            guard let frames = try consumer.receiveFrames(timeout: .seconds(10)) else { break }
            guard frames.count == 2, frames[1].count == 150 else { break }
            let sequence = frames[1].prefix(4).reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            guard sequence == expected else { break }
            expected += 1
        }
        #expect(expected == count)
    }
}
