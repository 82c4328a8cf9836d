import Foundation
import TestSupport

/// The agent with its HTTP listener and history on, for the HTTP end-to-end tests.
struct HTTPAgent {
    let engine: EngineProcess
    let endpoint: String
    let port: Int
    let directory: String

    /// Starts `fty-alert-engine --embedded-broker` with a history in a scratch directory (or in
    /// `directory`, to start again on the same rules and history) and the listener on a free
    /// port; `config` is written to a config file when given. Returns once `/ready` answers 200.
    static func start(
        _ label: String, config: String? = nil, environment: [String: String] = [:], directory: String? = nil
    ) throws -> HTTPAgent {
        let directory = directory ?? scratchDirectory()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let endpoint = uniqueEndpoint(label)
        let port = try freeTCPPort()
        var arguments = [
            "--embedded-broker", "--endpoint", endpoint, "--rules-dir", directory + "/rules",
            "--history", directory + "/history.db", "--http-listen", "127.0.0.1:\(port)",
        ]
        if let config {
            let path = directory + "/agent.cfg"
            try config.write(toFile: path, atomically: true, encoding: .utf8)
            arguments += ["-c", path]
        }
        let engine = try EngineProcess(arguments, environment: EngineEndToEndTests.quiet.merging(environment) { $1 })
        let agent = HTTPAgent(engine: engine, endpoint: endpoint, port: port, directory: directory)
        guard eventually(timeout: .seconds(20), { (try? httpRequest(port: port, path: "/ready").status) == 200 }) else {
            engine.send(SIGKILL)
            _ = engine.waitForExit(timeout: .seconds(5))
            throw HTTPScrapeError(description: "the agent never became ready: \(engine.readOutput())")
        }
        return agent
    }

    /// `GET path` parsed as a JSON object.
    func json(_ path: String) throws -> [String: Any] {
        let response = try httpRequest(port: port, path: path)
        guard response.status == 200,
            let object = try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any]
        else { throw HTTPScrapeError(description: "GET \(path): \(response.status) \(response.body)") }
        return object
    }

    /// The history records of `GET /api/v1/history?<query>`.
    func records(_ query: String = "") throws -> [[String: Any]] {
        try json("/api/v1/history?\(query)")["records"] as? [[String: Any]] ?? []
    }

    /// SIGTERM, wait, remove the scratch directory.
    func stop() {
        engine.send(SIGTERM)
        _ = engine.waitForExit(timeout: .seconds(10))
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// A child process other than the agent (Alertmanager, Chromium), killed when dropped; what it
/// writes goes to a file (`logPath`), so a chatty child never blocks on a full pipe.
final class ChildProcess: @unchecked Sendable {
    // @unchecked: only the owning test touches it.
    let process = Process()
    let logPath: String

    init(_ executable: String, _ arguments: [String], log logPath: String) throws {
        self.logPath = logPath
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = log
        process.standardError = log
        try process.run()
    }

    /// Waits for the process to end and returns its status and what it wrote.
    func finish() -> (status: Int32, output: String) {
        process.waitUntilExit()
        return (process.terminationStatus, (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "")
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}
