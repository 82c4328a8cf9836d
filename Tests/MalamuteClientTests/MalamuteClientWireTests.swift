import Foundation
import MalamuteProtocol
import Testing
import TestSupport

@testable import MalamuteClient

/// The client shell over real sockets against a scripted ROUTER peer: what goes on the wire and
/// how the client reacts (wire.md §2.2, §3.2–3.4).
@Suite struct MalamuteClientWireTests {
    private func makeClient(
        _ endpoint: String, name: String = "wire-client", timeout: Duration = .seconds(2),
        heartbeat: Duration = .seconds(1)
    ) -> MalamuteClient {
        MalamuteClient(
            configuration: ClientConfiguration(endpoint: endpoint, name: name, timeout: timeout, heartbeat: heartbeat))
    }

    /// Drives `client` while waiting for `condition` (the client has no thread of its own).
    private func drive(_ client: MalamuteClient, until condition: () -> Bool) -> Bool {
        eventually {
            _ = try? client.receive(timeout: .milliseconds(5))
            return condition()
        }
    }

    @Test func connectSendsOpenWithTheConfiguredNameAndWaitsForOK() throws {
        let broker = ScriptedBroker(endpoint: uniqueEndpoint("client-wire"))
        defer { broker.stop() }
        let client = makeClient(broker.endpoint, name: "fty-alert-engine")
        #expect(!client.isConnected)
        try client.connect()
        #expect(client.isConnected)
        #expect(broker.received == [.connectionOpen(address: Array("fty-alert-engine".utf8))])
        client.close()
        #expect(broker.received.last == .connectionClose)
    }

    @Test func connectWithoutABrokerTimesOut() {
        let client = makeClient(uniqueEndpoint("nobody"), timeout: .milliseconds(200))
        let start = ContinuousClock.now
        #expect(throws: MalamuteClientError.timedOut(.connect, after: .milliseconds(200))) { try client.connect() }
        let elapsed = ContinuousClock.now - start
        #expect(elapsed >= .milliseconds(200) && elapsed < .seconds(2))
        #expect(client.state == .start)
    }

    @Test func callsWaitForTheirOKAndQueueDeliveriesThatArriveMeanwhile() throws {
        let mail = MLMMessage.mailboxDeliver(
            sender: Array("peer".utf8), address: Array("wire-client".utf8), subject: Array("hello".utf8),
            tracker: Array("t-1".utf8), content: [Array("a".utf8), []])
        let broker = ScriptedBroker(endpoint: uniqueEndpoint("client-wire")) { message in
            if case .streamRead = message { return [mail, .ok(code: 200, reason: [])] }
            return ScriptedBroker.brokerLike(message)
        }
        defer { broker.stop() }
        let client = makeClient(broker.endpoint)
        try client.connect()
        try client.setConsumer(stream: "METRICS", pattern: ".*")
        #expect(broker.received.last == .streamRead(stream: Array("METRICS".utf8), pattern: Array(".*".utf8)))
        let delivery = try #require(try client.receive(timeout: .zero))
        #expect(delivery.kind == .mailbox)
        #expect(delivery.senderString == "peer")
        #expect(delivery.addressString == "wire-client")
        #expect(delivery.subjectString == "hello")
        #expect(delivery.trackerString == "t-1")
        #expect(delivery.content == [Array("a".utf8), []])
        #expect(try client.receive(timeout: .milliseconds(20)) == nil)
    }

    @Test func sendsCarryTheirFramesExactly() throws {
        let broker = ScriptedBroker(endpoint: uniqueEndpoint("client-wire"))
        defer { broker.stop() }
        let client = makeClient(broker.endpoint)
        try client.connect()
        try client.setProducer(stream: "_ALERTS_SYS")
        try client.send(subject: "s1", content: [[1, 2], [], [3]])
        try client.send(subject: "s2", content: [])
        try client.sendTo(address: "peer", subject: "rfc", content: ["a", "b"], tracker: "t", timeout: .seconds(5))
        try client.sendFor(service: "svc", subject: "req", content: ["x"])
        let expected: [MLMMessage] = [
            .streamSend(subject: Array("s1".utf8), content: [[1, 2], [], [3]]),
            .streamSend(subject: Array("s2".utf8), content: []),
            .mailboxSend(
                address: Array("peer".utf8), subject: Array("rfc".utf8), tracker: Array("t".utf8), timeout: 5000,
                content: [Array("a".utf8), Array("b".utf8)]),
            .serviceSend(
                address: Array("svc".utf8), subject: Array("req".utf8), tracker: [], timeout: 0,
                content: [Array("x".utf8)]),
        ]
        #expect(eventually { broker.received.suffix(4) == expected[...] })
    }

    @Test func aReplyGoesToTheExactSenderBytesWithTheSubjectAndTracker() throws {
        let broker = ScriptedBroker(endpoint: uniqueEndpoint("client-wire"))
        defer { broker.stop() }
        let client = makeClient(broker.endpoint)
        try client.connect()
        let request = MalamuteDelivery(
            kind: .mailbox, sender: [0x70, 0xFF, 0x65], address: Array("wire-client".utf8),
            subject: Array("rfc".utf8), tracker: Array("t-7".utf8), content: [Array("GET".utf8)])
        try client.reply(to: request, content: [Array("OK".utf8), [1]], timeout: .seconds(1))
        let expected = MLMMessage.mailboxSend(
            address: [0x70, 0xFF, 0x65], subject: Array("rfc".utf8), tracker: Array("t-7".utf8), timeout: 1000,
            content: [Array("OK".utf8), [1]])
        #expect(eventually { broker.received.last == expected })
        var tooLong = request
        tooLong.tracker = Array(repeating: 0x61, count: 256)
        #expect(throws: MalamuteClientError.stringTooLong(field: "tracker", byteCount: 256)) {
            try client.reply(to: tooLong, content: [])
        }
    }

    @Test func stringsLongerThan255BytesAreRefusedAndNothingIsSent() throws {
        let broker = ScriptedBroker(endpoint: uniqueEndpoint("client-wire"))
        defer { broker.stop() }
        let client = makeClient(broker.endpoint)
        try client.connect()
        let long = String(repeating: "é", count: 128)  // 256 bytes
        #expect(throws: MalamuteClientError.stringTooLong(field: "subject", byteCount: 256)) {
            try client.send(subject: long, content: [[1]])
        }
        #expect(throws: MalamuteClientError.stringTooLong(field: "stream", byteCount: 256)) {
            try client.setConsumer(stream: long, pattern: ".*")
        }
        #expect(throws: MalamuteClientError.stringTooLong(field: "tracker", byteCount: 256)) {
            try client.sendTo(address: "x", subject: "y", content: [[UInt8]](), tracker: long)
        }
        try client.sendTo(address: "x", subject: String(repeating: "a", count: 255), content: [[UInt8]]())
        #expect(eventually { broker.received.count == 2 })
        #expect(broker.received.count == 2)  // OPEN and the 255-byte mail only
    }

    @Test func aMalformedEndpointIsReportedAtConnect() {
        let client = makeClient("bogus://nowhere")
        #expect {
            try client.connect()
        } throws: { error in
            guard case MalamuteClientError.invalidEndpoint("bogus://nowhere", _) = error else { return false }
            return true
        }
    }

    @Test func aTooLongNameIsRefusedAtConnect() {
        let client = makeClient(uniqueEndpoint("nobody"), name: String(repeating: "n", count: 300))
        #expect(throws: MalamuteClientError.stringTooLong(field: "name", byteCount: 300)) { try client.connect() }
    }

    @Test func callsBeforeConnectAndAfterCloseFail() throws {
        let client = makeClient(uniqueEndpoint("nobody"))
        #expect(throws: MalamuteClientError.notConnected(.send, state: .start)) {
            try client.send(subject: "s", content: [[UInt8]]())
        }
        #expect(throws: MalamuteClientError.notConnected(.receive, state: .start)) {
            try client.receive(timeout: .zero)
        }
        client.close()
        #expect(throws: MalamuteClientError.closed) { try client.receive(timeout: .zero) }
        #expect(throws: MalamuteClientError.closed) { try client.connect() }
    }

    @Test func pingsGoOutWhileTheOwnerWaitsInReceive() throws {
        let broker = ScriptedBroker(endpoint: uniqueEndpoint("client-wire"))
        defer { broker.stop() }
        let client = makeClient(broker.endpoint, heartbeat: .milliseconds(20))
        try client.connect()
        let pings = { broker.received.filter { $0 == .connectionPing }.count }
        #expect(drive(client) { pings() >= 3 })
        #expect(client.isConnected)
    }

    @Test func aStalledBrokerMakesTheClientDisconnectedUntilItAnswersAgain() throws {
        let mute = LockedFlag()
        let broker = ScriptedBroker(endpoint: uniqueEndpoint("client-wire")) { message in
            if message == .connectionPing, mute.isHolding { return [] }
            return ScriptedBroker.brokerLike(message)
        }
        defer { broker.stop() }
        let client = makeClient(broker.endpoint, heartbeat: .milliseconds(20))
        try client.connect()
        mute.arm()
        _ = mute.take()  // now holding: pings go unanswered
        #expect(drive(client) { client.state == .disconnected })
        let pingsWhileDisconnected = broker.received.count
        #expect(drive(client) { broker.received.count > pingsWhileDisconnected + 2 })  // still pinging
        mute.release()
        #expect(drive(client) { client.isConnected })
    }

    @Test func undecodableFramesFromTheBrokerAreDroppedAndTheClientGoesOn() throws {
        let broker = ScriptedBroker(endpoint: uniqueEndpoint("client-wire"))
        defer { broker.stop() }
        let client = makeClient(broker.endpoint)
        try client.connect()
        broker.push(frames: [[0xAB, 0xA8, 0x08, 0x00], [0x78]])
        broker.push(frames: [[0xAA, 0xA8, 0x08, 0x05, 0x41]])  // truncated STREAM_DELIVER
        broker.push(.streamDeliver(address: Array("S".utf8), sender: [], subject: Array("ok".utf8), content: []))
        let delivery = try #require(try client.receive(timeout: .seconds(2)))
        #expect(delivery.subjectString == "ok")
        #expect(delivery.kind == .stream)
        #expect(client.isConnected)
    }

    @Test func error500ReopensReplaysAndReleasesHeldSendsAfterTheReplay() throws {
        let forget = LockedFlag()
        let broker = ScriptedBroker(endpoint: uniqueEndpoint("client-wire")) { message in
            // Plays a restarted broker: the next PING gets ERROR 500, the re-open gets no OK yet.
            if message == .connectionPing, forget.take() { return [.error(code: 500, reason: [])] }
            if case .connectionOpen = message, forget.isHolding { return [] }
            return ScriptedBroker.brokerLike(message)
        }
        defer { broker.stop() }
        let client = makeClient(broker.endpoint, heartbeat: .milliseconds(20))
        try client.connect()
        try client.setProducer(stream: "OUT")
        try client.setConsumer(stream: "IN", pattern: "^a")
        try client.removeConsumer(stream: "GONE")
        forget.arm()
        #expect(drive(client) { client.state == .reconnecting })
        try client.send(subject: "during", content: [[7]])
        forget.release()
        broker.push(.ok(code: 200, reason: []))
        #expect(drive(client) { client.isConnected && broker.received.contains(.streamSend(subject: Array("during".utf8), content: [[7]])) })
        let log = broker.received
        let reopen = try #require(log.lastIndex(of: .connectionOpen(address: Array("wire-client".utf8))))
        let afterReopen = log[(reopen + 1)...].filter { $0 != .connectionPing }
        #expect(
            Array(afterReopen) == [
                .streamWrite(stream: Array("OUT".utf8)),
                .streamRead(stream: Array("IN".utf8), pattern: Array("^a".utf8)),
                .streamSend(subject: Array("during".utf8), content: [[7]]),
            ])
    }

    @Test func waitForAnyServesSeveralClientsFromOneThread() throws {
        let broker = ScriptedBroker(endpoint: uniqueEndpoint("client-wire"))
        defer { broker.stop() }
        let first = makeClient(broker.endpoint, name: "first", heartbeat: .milliseconds(20))
        let second = makeClient(broker.endpoint, name: "second", heartbeat: .milliseconds(20))
        try first.connect()
        try second.connect()
        #expect(try MalamuteClient.waitForAny([first, second], timeout: .milliseconds(100)) == [])
        // Both heartbeats ran while waiting.
        let pings = broker.received.filter { $0 == .connectionPing }.count
        #expect(pings >= 4)
        broker.push(.streamDeliver(address: Array("S".utf8), sender: [], subject: Array("x".utf8), content: []), to: "second")
        #expect(try MalamuteClient.waitForAny([first, second], timeout: .seconds(2)) == [1])
        #expect(try second.receive(timeout: .zero)?.subjectString == "x")
    }
}

extension MalamuteClientWireTests {
    @Test func receiveAnyAlternatesBetweenBusyClients() throws {
        let broker = ScriptedBroker(endpoint: uniqueEndpoint("client-wire"))
        defer { broker.stop() }
        let first = makeClient(broker.endpoint, name: "first")
        let second = makeClient(broker.endpoint, name: "second")
        try first.connect()
        try second.connect()
        for index in 0..<3 {
            for name in ["first", "second"] {
                broker.push(
                    .streamDeliver(address: Array("S".utf8), sender: [], subject: Array("\(name)-\(index)".utf8), content: []),
                    to: name)
            }
        }
        // Let everything arrive first, so that both clients are busy at every call below.
        #expect(eventually { _ = try? first.drain(); _ = try? second.drain(); return first.inbox.count == 3 && second.inbox.count == 3 })
        var order: [String] = []
        while let (index, delivery) = try MalamuteClient.receiveAny([first, second], timeout: .milliseconds(20)) {
            #expect(delivery.subjectString.hasPrefix(index == 0 ? "first" : "second"))
            order.append(delivery.subjectString)
        }
        #expect(order == ["first-0", "second-0", "first-1", "second-1", "first-2", "second-2"])
    }

    @Test func receiveAnyKeepsEveryHeartbeatGoing() throws {
        let broker = ScriptedBroker(endpoint: uniqueEndpoint("client-wire"))
        defer { broker.stop() }
        let idle = makeClient(broker.endpoint, name: "idle", heartbeat: .milliseconds(20))
        let busy = makeClient(broker.endpoint, name: "busy", heartbeat: .seconds(60))
        try idle.connect()
        try busy.connect()
        let pings = { broker.received.filter { $0 == .connectionPing }.count }
        #expect(eventually { _ = try? MalamuteClient.receiveAny([idle, busy], timeout: .milliseconds(5)); return pings() >= 3 })
    }
}

/// A thread-safe switch the scripted broker's closure reads.
final class LockedFlag: @unchecked Sendable {
    // @unchecked: guarded by `lock`.
    private let lock = NSLock()
    private var armed = false
    private var holding = false

    /// The next `take()` returns true once; OPENs are held until `release()`.
    func arm() { lock.withLock { armed = true } }
    func take() -> Bool {
        lock.withLock {
            defer { armed = false }
            if armed { holding = true }
            return armed
        }
    }
    var isHolding: Bool { lock.withLock { holding } }
    func release() { lock.withLock { holding = false } }
}
