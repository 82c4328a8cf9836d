import Foundation
import MalamuteBroker
import Testing
import TestSupport

@testable import MalamuteClient

/// `request(address:…)`: the answer is the peer's mail with the request's tracker (or the one
/// `isAnswer` accepts); everything else is skipped, and silence ends at the timeout.
@Suite struct MalamuteBusRequestTests {
    /// Answers each request on its own thread, first with a decoy, then for real.
    private static func startPeer(_ endpoint: String, requests: Int) -> DispatchSemaphore {
        let ready = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        Thread {
            defer { done.signal() }
            let peer = MalamuteClient(configuration: ClientConfiguration(endpoint: endpoint, name: "peer", timeout: .seconds(2)))
            defer { peer.close() }
            let connected = (try? peer.connect()) != nil
            ready.signal()
            guard connected else { return }
            for _ in 0..<requests {
                guard let request = try? peer.receive(timeout: .seconds(5)) else { return }
                let correlation = request.contentStrings.last ?? ""
                try? peer.sendTo(address: request.senderString, subject: "r", content: ["decoy", correlation], tracker: "stale")
                try? peer.sendTo(address: request.senderString, subject: "r", content: ["other-\(correlation)"], tracker: "")
                try? peer.reply(to: request, content: [Array("answer".utf8), Array(correlation.utf8)])
            }
        }.start()
        ready.wait()
        return done
    }

    @Test func theAnswerIsTheMailFromThePeerWithTheRequestsTracker() throws {
        let broker = try MalamuteBroker(configuration: BrokerConfiguration(endpoints: [uniqueEndpoint("request")]))
        defer { broker.stop() }
        let endpoint = broker.configuration.endpoints[0]
        let done = Self.startPeer(endpoint, requests: 2)
        let requester = MalamuteClient(configuration: ClientConfiguration(endpoint: endpoint, name: "requester"))
        let impostor = MalamuteClient(configuration: ClientConfiguration(endpoint: endpoint, name: "impostor"))
        defer { requester.close(); impostor.close() }
        try requester.connect()
        try impostor.connect()
        // Same tracker, wrong sender: already waiting in the requester's queue.
        try impostor.sendTo(address: "requester", subject: "r", content: ["impostor"], tracker: "t-1")

        let answer = try #require(
            try requester.request(address: "peer", subject: "s", content: [Array("c-1".utf8)], tracker: "t-1", timeout: .seconds(5)))
        #expect(answer.senderString == "peer" && answer.trackerString == "t-1")
        #expect(answer.contentStrings == ["answer", "c-1"])

        // With a test of the content instead of the tracker (autoconfig's correlation frame).
        let correlated = try #require(
            try requester.request(
                address: "peer", subject: "s", content: [Array("c-2".utf8)], tracker: "t-2", timeout: .seconds(5),
                isAnswer: { $0.contentStrings.first == "other-c-2" }))
        #expect(correlated.contentStrings == ["other-c-2"])
        done.wait()
    }

    @Test func silenceEndsAtTheTimeout() throws {
        let broker = try MalamuteBroker(configuration: BrokerConfiguration(endpoints: [uniqueEndpoint("request-silent")]))
        defer { broker.stop() }
        let requester = MalamuteClient(
            configuration: ClientConfiguration(endpoint: broker.configuration.endpoints[0], name: "requester"))
        defer { requester.close() }
        try requester.connect()
        let started = ContinuousClock.now
        let answer = try requester.request(
            address: "nobody", subject: "s", content: [], tracker: "t", timeout: .milliseconds(200))
        let waited = ContinuousClock.now - started
        #expect(answer == nil)
        #expect(waited >= .milliseconds(200) && waited < .seconds(2))
    }
}
