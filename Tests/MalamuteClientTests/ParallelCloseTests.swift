import Foundation
import MalamuteProtocol
import Testing
import TestSupport

@testable import MalamuteClient

/// Issue 14 item 4: `MalamuteClient.close(_:)` says goodbye for every client at once, so a
/// broker that never answers CONNECTION_CLOSE costs one close timeout, not one per client.
@Suite struct ParallelCloseTests {
    /// Answers like a broker, except that CONNECTION_CLOSE gets no OK.
    static let silentOnClose: ScriptedBroker.Script = { message in
        if case .connectionClose = message { return [] }
        return ScriptedBroker.brokerLike(message)
    }

    @Test func clientsOfOneThreadWaitForTheirOKsSideBySide() throws {
        let broker = ScriptedBroker(endpoint: uniqueEndpoint("parallel-close"), script: Self.silentOnClose)
        defer { broker.stop() }
        let clients = try (0..<4).map { index in
            let client = MalamuteClient(
                configuration: ClientConfiguration(
                    endpoint: broker.endpoint, name: "closing-\(index)", closeTimeout: .milliseconds(500)))
            try client.connect()
            return client
        }
        let start = ContinuousClock.now
        MalamuteClient.close(clients)
        let elapsed = ContinuousClock.now - start
        // One after another they would take 4 × 500 ms; together, one timeout.
        #expect(elapsed >= .milliseconds(500), "returned before the close timeout: \(elapsed)")
        #expect(elapsed < .milliseconds(1500), "took \(elapsed)")
        #expect(broker.received.filter { $0 == .connectionClose }.count == 4)
        for client in clients {
            #expect(client.state == .closed)
            #expect(throws: MalamuteClientError.closed) { try client.receive(timeout: .zero) }
        }
    }

    @Test func anAnsweringBrokerLetsThemCloseAtOnce() throws {
        let broker = ScriptedBroker(endpoint: uniqueEndpoint("parallel-close-ok"))
        defer { broker.stop() }
        let clients = try (0..<3).map { index in
            let client = MalamuteClient(
                configuration: ClientConfiguration(endpoint: broker.endpoint, name: "ok-\(index)", closeTimeout: .seconds(30)))
            try client.connect()
            return client
        }
        let start = ContinuousClock.now
        MalamuteClient.close(clients + [clients[0]])  // a client named twice is closed once
        #expect(ContinuousClock.now - start < .seconds(10))
        #expect(broker.received.filter { $0 == .connectionClose }.count == 3)
        #expect(clients.allSatisfy { $0.state == .closed })
    }
}
