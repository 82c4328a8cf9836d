import Foundation
import MalamuteClient
import TestSupport
import Testing

/// Issue 14 item 4: on SIGTERM every bus client of the agent closes at once, so the whole stop
/// takes at most 2 s even when the broker never answers CONNECTION_CLOSE (one by one, its seven
/// clients would wait 1 s each).
@Suite struct BoundedShutdownTests {
    @Test func sigtermWithAFrozenBrokerExitsWithinTwoSeconds() throws {
        let directory = scratchDirectory()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let endpoint = uniqueEndpoint("frozen-broker")
        let broker = try EngineProcess(["broker", "--endpoint", endpoint])
        defer {
            broker.send(SIGCONT)
            broker.send(SIGTERM)
            _ = broker.waitForExit(timeout: .seconds(5))
        }
        try connectedClient(endpoint, "probe").close()
        // Every bus client the agent has: engine (2), autoconfig, alert actions (2), the history
        // recorder and the webhook publisher.
        let config = directory + "/agent.cfg"
        try "webhook\n    publish = true\n".write(toFile: config, atomically: true, encoding: .utf8)
        let port = try freeTCPPort()
        let agent = try EngineProcess(
            [
                "--endpoint", endpoint, "--rules-dir", directory + "/rules", "--history", directory + "/history.db",
                "--http-listen", "127.0.0.1:\(port)", "-c", config,
            ],
            environment: EngineEndToEndTests.quiet)
        // /ready: every server has started, so every client is connected.
        let ready = eventually(timeout: .seconds(20)) { (try? httpRequest(port: port, path: "/ready").status) == 200 }
        try #require(ready, "the agent never became ready")

        broker.send(SIGSTOP)  // the broker still holds the connections but answers nothing
        let start = ContinuousClock.now
        agent.send(SIGTERM)
        let status = agent.waitForExit(timeout: .seconds(10))
        let elapsed = ContinuousClock.now - start
        let output = agent.readOutput()
        #expect(status == 0, "\(output)")
        #expect(elapsed < .milliseconds(2500), "stopped after \(elapsed)")
        // The clients did wait for their OKs before giving up (one close timeout, 1 s).
        #expect(elapsed >= .seconds(1), "stopped after \(elapsed): did the clients say goodbye?")
    }
}
