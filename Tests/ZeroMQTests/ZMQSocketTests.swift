import Testing
import ZeroMQ

@Suite struct ZMQSocketTests {
    @Test func pairCarriesMultipartMessagesWithFrameBoundaries() throws {
        let endpoint = "inproc://zmq-socket-test-\(UInt64.random(in: 0...UInt64.max))"
        let a = try ZMQSocket(.pair)
        let b = try ZMQSocket(.pair)
        try a.bind(endpoint)
        try b.connect(endpoint)
        let frames: [[UInt8]] = [[0xAA, 0xA8, 0x02], [], [1, 2, 3]]
        try a.send(frames)
        #expect(try b.receive() == frames)
    }

    @Test func nonBlockingReceiveReturnsNilWhenNothingIsQueued() throws {
        let endpoint = "inproc://zmq-socket-test-\(UInt64.random(in: 0...UInt64.max))"
        let a = try ZMQSocket(.pair)
        try a.bind(endpoint)
        #expect(try a.receive(dontWait: true) == nil)
    }

    @Test func pollTimesOutWithNoEventsAndReportsReadableSockets() throws {
        let endpoint = "inproc://zmq-socket-test-\(UInt64.random(in: 0...UInt64.max))"
        let a = try ZMQSocket(.pair)
        let b = try ZMQSocket(.pair)
        try a.bind(endpoint)
        try b.connect(endpoint)
        #expect(try ZMQPoller.poll([a, b], timeoutMilliseconds: 10) == [[], []])
        try b.send([[42]])
        let ready = try ZMQPoller.poll([a, b], timeoutMilliseconds: 1000)
        #expect(ready[0].contains(.readable))
        #expect(!ready[1].contains(.readable))
    }

    @Test func routerSeesDealerRoutingIDAndAnswersIt() throws {
        let endpoint = "inproc://zmq-socket-test-\(UInt64.random(in: 0...UInt64.max))"
        let router = try ZMQSocket(.router)
        let dealer = try ZMQSocket(.dealer)
        try router.bind(endpoint)
        try dealer.connect(endpoint)
        try dealer.send([[1], [2]])
        let received = try #require(try router.receive())
        #expect(received.count == 3)
        #expect(Array(received.dropFirst()) == [[1], [2]])
        try router.send(routingID: received[0], header: [9], content: [[8]])
        #expect(try dealer.receive() == [[9], [8]])
    }

    @Test func bindingABadEndpointThrows() throws {
        let socket = try ZMQSocket(.router)
        #expect(throws: ZMQError.self) { try socket.bind("nonsense://x") }
    }
}
