import MalamuteBroker
import MalamuteProtocol
import Testing

/// decisions.md D7: bad input is dropped whole, never answered, and every other client is still
/// served. Each case is sent by a peer that is then shown to be still in `start` (its PING gets
/// ERROR 500, the first thing it receives), while a second client completes a mail round trip.
@Suite struct BrokerMalformedInputTests {
    static let badInputs: [(String, [[UInt8]])] = [
        ("empty frame", [[]]),
        ("one byte", [[0xAA]]),
        ("signature without id", [[0xAA, 0xA8]]),
        ("bad signature", [[0xAB, 0xA8, 0x02]]),
        ("id zero", [[0xAA, 0xA8, 0x00]]),
        ("id 19", [[0xAA, 0xA8, 0x13]]),
        ("garbage multipart", [[0x01, 0x02, 0x03], [0x04], []]),
        ("bad header then exactly one content frame", [[0xAB, 0xA8, 0x07, 0x00], [0x78]]),
        ("bad header then two content frames", [[0xAB, 0xA8, 0x07, 0x00], [0x78], [0x79]]),
        ("STREAM_SEND cut mid-subject, one content frame", [[0xAA, 0xA8, 0x07, 0x05, 0x74, 0x65], [0x78]]),
        ("MAILBOX_SEND cut in the timeout", [hexBytes("AAA809 0162 0173 00 0000")]),
        ("OPEN with another protocol", [hexBytes("AAA801 084D414C414D555445 0002 0161")]),
        ("OPEN with protocol MALAMUTX", [hexBytes("AAA801 084D414C414D555458 0001 0161")]),
        ("OPEN cut in the address", [hexBytes("AAA801 084D414C414D555445 0001 0561")]),
    ]

    @Test(arguments: badInputs.indices)
    func badInputBeforeOpenIsDroppedWithoutReply(index: Int) throws {
        let (label, frames) = Self.badInputs[index]
        let broker = try startBroker()
        let bad = try RawPeer(broker)
        try bad.sendFrames(frames)
        #expect(try bad.sessionIsGone(), "\(label)")
        try expectServing(broker)
        #expect(try bad.open("recovered") == .success, "\(label)")
    }

    @Test(arguments: badInputs.indices)
    func badInputFromAConnectedSessionIsDroppedAndTheSessionStays(index: Int) throws {
        let (label, frames) = Self.badInputs[index]
        let broker = try startBroker()
        let bad = try RawPeer(broker)
        try bad.open("sloppy")
        #expect(try bad.request(.streamWrite(stream: "S".bytes)) == .success)
        try bad.sendFrames(frames)
        #expect(try bad.nextIsPong(), "\(label)")
        try expectServing(broker)
    }

    @Test func truncatedStreamSendIsNotPublished() throws {
        let broker = try startBroker()
        let producer = try RawPeer(broker)
        let consumer = try RawPeer(broker)
        try producer.open("producer")
        try consumer.open("consumer")
        #expect(try consumer.request(.streamRead(stream: "S".bytes, pattern: ".*".bytes)) == .success)
        #expect(try producer.request(.streamWrite(stream: "S".bytes)) == .success)
        try producer.sendFrames([[0xAA, 0xA8, 0x07, 0x05, 0x74, 0x65], [0x78]])
        try producer.send(.streamSend(subject: "ok".bytes, content: [[1]]))
        #expect(try consumer.receive() == .streamDeliver(address: "S".bytes, sender: "producer".bytes, subject: "ok".bytes, content: [[1]]))
        #expect(try consumer.nextIsPong())
    }

    @Test func invalidStreamPatternGetsOKAndLeavesOtherSubscribersAndStreamsServed() throws {
        let broker = try startBroker()
        let producer = try RawPeer(broker)
        let odd = try RawPeer(broker)
        let normal = try RawPeer(broker)
        let other = try RawPeer(broker)
        try producer.open("producer")
        try odd.open("odd")
        try normal.open("normal")
        try other.open("other")
        // wire.md §2.5.8, vectors README item 10: an unbalanced `)` hangs the reference; never ERROR.
        #expect(try odd.request(.streamRead(stream: "S".bytes, pattern: "a)".bytes)) == .success)
        #expect(try normal.request(.streamRead(stream: "S".bytes, pattern: ".*".bytes)) == .success)
        #expect(try other.request(.streamRead(stream: "T".bytes, pattern: ".*".bytes)) == .success)
        #expect(try producer.request(.streamWrite(stream: "S".bytes)) == .success)
        try producer.send(.streamSend(subject: "a".bytes, content: [[1]]))
        #expect(try normal.receive() == .streamDeliver(address: "S".bytes, sender: "producer".bytes, subject: "a".bytes, content: [[1]]))
        #expect(try producer.request(.streamWrite(stream: "T".bytes)) == .success)
        try producer.send(.streamSend(subject: "b".bytes, content: [[2]]))
        #expect(try other.receive() == .streamDeliver(address: "T".bytes, sender: "producer".bytes, subject: "b".bytes, content: [[2]]))
        // The invalid pattern matches nothing.
        #expect(try odd.nextIsPong())
    }

    @Test func invalidServicePatternGetsOK() throws {
        let broker = try startBroker()
        let worker = try RawPeer(broker)
        try worker.open("worker")
        #expect(try worker.request(.serviceOffer(address: "svc".bytes, pattern: "(a".bytes)) == .success)
        #expect(try worker.nextIsPong())
    }

    /// A fresh pair of clients completes a mail round trip.
    private func expectServing(_ broker: MalamuteBroker) throws {
        let a = try RawPeer(broker)
        let b = try RawPeer(broker)
        #expect(try a.open("healthy-a") == .success)
        #expect(try b.open("healthy-b") == .success)
        try a.send(.mailboxSend(address: "healthy-b".bytes, subject: "s".bytes, tracker: [], timeout: 0, content: [[1]]))
        #expect(try b.receive() == .mailboxDeliver(sender: "healthy-a".bytes, address: "healthy-b".bytes, subject: "s".bytes, tracker: [], content: [[1]]))
    }
}
