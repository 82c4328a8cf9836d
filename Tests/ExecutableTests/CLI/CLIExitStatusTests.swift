import Foundation
import TestSupport
import Testing

/// Exit statuses of the bus subcommands: 2 when nothing answers, 64 for usage errors.
///
/// Each test starts all its commands at once: they mostly wait for a timeout.
@Suite struct CLIExitStatusTests {
    /// Every bus subcommand, with valid arguments.
    static let busCommands: [[String]] = [
        ["rules", "list"], ["rules", "list", "single", "--class", "c"], ["rules", "get", "x"],
        ["rules", "add", Fixtures.shared.path + "/reference/rules/single.rule"], ["rules", "touch", "x"],
        ["rules", "delete", "x"], ["rules", "delete-element", "x"], ["templates", "list"],
        ["templates", "list", "CAT_POWER"], ["publish", "metric", "load@ups-1", "50"],
        ["publish", "unavailable", "load@ups-1"], ["publish", "asset", "ups-1", "--type", "device"], ["watch"],
        ["watch", "--stream", "ALERTS", "--count", "1"],
    ]

    @Test func noBrokerIsExitTwoNamingTheEndpointForEveryBusCommand() throws {
        let endpoint = uniqueEndpoint("cli-nobody")
        let started = ContinuousClock.now
        let results = try CLIProcess.runAll(Self.busCommands.map { $0 + ["--endpoint", endpoint, "--timeout", "0.3", "--json"] })
        for result in results {
            #expect(result.status == 2, "\(result)")
            #expect(result.stderr.contains("bus error at \(endpoint)"), "\(result)")
        }
        #expect(ContinuousClock.now - started < .seconds(10))
    }

    @Test func aBrokerWithoutEngineIsExitTwoNamingTheEngine() throws {
        let endpoint = uniqueEndpoint("cli-no-engine")
        let broker = try EngineProcess(["broker", "--endpoint", endpoint])
        defer {
            broker.send(SIGTERM)
            _ = broker.waitForExit(timeout: .seconds(2))
        }
        try connectedClient(endpoint, "probe").close()
        let commands = [["rules", "list"], ["rules", "get", "x"], ["rules", "touch", "x"], ["rules", "delete", "x"]]
        for result in try CLIProcess.runAll(commands.map { $0 + ["--endpoint", endpoint, "--timeout", "0.3"] }) {
            #expect(result.status == 2, "\(result)")
            #expect(result.stderr.contains("no answer from fty-alert-engine at \(endpoint)"), "\(result)")
        }
    }

    @Test func usageErrorsAreExit64() throws {
        let commands = [
            ["rules", "list", "--timeout", "0"], ["rules", "add"], ["rules", "add", "a.rule", "b.rule", "--replace", "x"],
            ["rules", "add", "/nonexistent/rule.rule"], ["rules", "get"], ["publish", "metric", "no-at-sign", "1"],
            ["publish", "metric", "load@ups-1", "1", "--ttl", "-1"], ["publish", "asset", "ups-1"],
            ["publish", "asset", "ups-1", "--type", "device", "--ext", "novalue"], ["watch", "--count", "0"], ["check"],
            ["rules", "frobnicate"],
        ]
        for result in try CLIProcess.runAll(commands) {
            #expect(result.status == 64, "\(result)")
            #expect(result.stderr.contains("Usage:") || result.stderr.contains("Error:"), "\(result)")
        }
    }
}
