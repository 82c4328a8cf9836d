import Foundation
import MalamuteClient
import TestSupport
import Testing

/// End-to-end tests of the built `fty-alert-engine` executable.
@Suite struct ExecutableTests {
    @Test func brokerSubcommandCarriesStreamsAndStopsCleanlyOnSIGTERM() throws {
        let endpoint = uniqueEndpoint("exe-broker")
        let broker = try EngineProcess(["broker", "--endpoint", endpoint])
        let consumer = try connectedClient(endpoint, "consumer")
        try consumer.setConsumer(stream: "METRICS", pattern: "^temperature@")
        let producer = try connectedClient(endpoint, "producer")
        try producer.setProducer(stream: "METRICS")
        try producer.send(subject: "humidity@sensor-1", content: [Array("no".utf8)])
        try producer.send(subject: "temperature@sensor-1", content: [Array("yes".utf8)])
        let delivery = try #require(try consumer.receive(timeout: .seconds(5)))
        #expect(delivery.subjectString == "temperature@sensor-1")
        #expect(delivery.senderString == "producer")
        #expect(delivery.content == [Array("yes".utf8)])
        consumer.close()
        producer.close()

        broker.send(SIGTERM)
        #expect(broker.waitForExit(timeout: .seconds(2)) == 0)
    }

    @Test func agentWithEmbeddedBrokerServesClientsAndExitsZeroOnSIGINT() throws {
        let endpoint = uniqueEndpoint("exe-agent")
        let rules = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: rules) }
        let agent = try EngineProcess(["--embedded-broker", "--endpoint", endpoint, "--rules-dir", rules])
        let a = try connectedClient(endpoint, "a")
        let b = try connectedClient(endpoint, "b")
        try a.sendTo(address: "b", subject: "hello", content: [Array("1".utf8)], tracker: "t-1")
        let mail = try #require(try b.receive(timeout: .seconds(5)))
        #expect(mail.senderString == "a")
        #expect(mail.trackerString == "t-1")
        a.close()
        b.close()

        agent.send(SIGINT)
        #expect(agent.waitForExit(timeout: .seconds(2)) == 0)
    }

    @Test func endpointComesFromTheEnvironmentWhenNoFlagIsGiven() throws {
        let endpoint = uniqueEndpoint("exe-env")
        let rules = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: rules) }
        let agent = try EngineProcess(
            ["--embedded-broker"],
            environment: ["FTY_ALERT_ENGINE_ENDPOINT": endpoint, "FTY_ALERT_ENGINE_RULES_DIR": rules])
        let client = try connectedClient(endpoint, "probe")
        client.close()
        agent.send(SIGTERM)
        #expect(agent.waitForExit(timeout: .seconds(2)) == 0)
    }

    @Test func anUnknownOptionIsAUsageError() throws {
        let agent = try EngineProcess(["--no-such-option"])
        let status = agent.waitForExit(timeout: .seconds(5))
        #expect(status == 64)
        #expect(agent.readOutput().contains("--no-such-option"))
    }

    @Test func aBusyEndpointFailsTheEmbeddedBrokerWithAClearMessage() throws {
        let endpoint = uniqueEndpoint("exe-busy")
        let first = try EngineProcess(["broker", "--endpoint", endpoint])
        let probe = try connectedClient(endpoint, "probe")
        probe.close()
        let second = try EngineProcess(["broker", "--endpoint", endpoint])
        let status = second.waitForExit(timeout: .seconds(5))
        #expect(status != nil && status != 0)
        #expect(second.readOutput().contains(endpoint))
        first.send(SIGTERM)
        #expect(first.waitForExit(timeout: .seconds(2)) == 0)
    }
}
