import Foundation
import MalamuteClient
import TestSupport
import Testing

/// A built `fty-alert-engine` running with an embedded broker on a unique endpoint and a scratch
/// rules directory, shared by the tests of one suite (see ``EngineForSuite``).
final class RunningEngine: Sendable {
    /// The suite's engine, inside the scope of ``EngineForSuite``.
    @TaskLocal static var current: RunningEngine?

    let endpoint: String
    let rulesDirectory: String
    private let process: EngineProcess

    /// Starts the engine and waits until its mailbox answers.
    init(label: String) throws {
        endpoint = uniqueEndpoint(label)
        rulesDirectory = scratchDirectory()
        process = try EngineProcess(
            ["--embedded-broker", "--endpoint", endpoint, "--rules-dir", rulesDirectory],
            environment: ["BIOS_LOG_LEVEL": "LOG_WARNING"])
        let probe = try connectedClient(endpoint, "probe-\(UUID().uuidString)")
        defer { probe.close() }
        var answered = false
        for attempt in 0..<50 where !answered {
            answered = try probe.request(
                address: "fty-alert-engine", subject: "rfc-evaluator-rules", content: [Array("LIST".utf8), Array("all".utf8)],
                tracker: "probe-\(attempt)", timeout: .milliseconds(200)) != nil
        }
        guard answered else { throw EngineDidNotAnswer(endpoint: endpoint) }
    }

    /// The suite's engine; fails the test outside ``EngineForSuite``.
    static func shared() throws -> RunningEngine { try #require(current, "the suite needs the .runningEngine trait") }

    /// Runs `fty-alert-engine <arguments> --endpoint <this engine>`.
    func cli(_ arguments: [String]) throws -> CLIResult {
        try CLIProcess.run(arguments + ["--endpoint", endpoint])
    }

    /// A client of this engine's broker, e.g. to observe a stream.
    func client(_ label: String) throws -> MalamuteClient {
        try connectedClient(endpoint, "\(label)-\(UUID().uuidString.prefix(8))")
    }

    /// Stops the engine (SIGTERM) and removes its rules directory.
    func stop() {
        process.send(SIGTERM)
        _ = process.waitForExit(timeout: .seconds(3))
        try? FileManager.default.removeItem(atPath: rulesDirectory)
    }

    struct EngineDidNotAnswer: Error { var endpoint: String }
}

/// Starts one ``RunningEngine`` for a whole suite, so its tests share one engine start.
struct EngineForSuite: SuiteTrait, TestScoping {
    var label: String

    var isRecursive: Bool { false }

    func provideScope(
        for test: Test, testCase: Test.Case?, performing function: @Sendable () async throws -> Void
    ) async throws {
        let engine = try RunningEngine(label: label)
        defer { engine.stop() }
        try await RunningEngine.$current.withValue(engine) { try await function() }
    }
}

extension Trait where Self == EngineForSuite {
    /// One engine for the suite (see ``EngineForSuite``).
    static func runningEngine(_ label: String) -> Self { EngineForSuite(label: label) }
}
