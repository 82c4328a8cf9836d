import Foundation
import TestSupport

/// One run of a `fty-alert-engine` subcommand, with its standard output and error kept apart.
///
/// Output goes to scratch files, not pipes, so a chatty child never blocks on a full pipe while
/// the test waits for it to exit.
final class CLIProcess: @unchecked Sendable {
    // @unchecked: only the owning test touches the process and the files.
    let process = Process()
    private let outURL: URL
    private let errURL: URL

    /// Starts the executable with `arguments` (and `environment` added to this process's).
    init(_ arguments: [String], environment: [String: String] = [:]) throws {
        let base = NSTemporaryDirectory() + "fty-cli-\(UUID().uuidString)"
        outURL = URL(fileURLWithPath: base + ".out")
        errURL = URL(fileURLWithPath: base + ".err")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.executableURL = EngineProcess.executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
    }

    /// Runs `arguments` to the end (at most `timeout`) and returns what it did.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], timeout: Duration = .seconds(20)
    ) throws -> CLIResult {
        let child = try CLIProcess(arguments, environment: environment)
        let status = child.waitForExit(timeout: timeout)
        return CLIResult(arguments: arguments, status: status, stdout: child.stdout, stderr: child.stderr)
    }

    /// Runs every command of `commands` at once (each blocks mostly on the bus timeout, so in
    /// parallel they cost one timeout) and returns their results in order.
    static func runAll(_ commands: [[String]], timeout: Duration = .seconds(20)) throws -> [CLIResult] {
        let children = try commands.map { try CLIProcess($0) }
        return zip(commands, children).map { command, child in
            let status = child.waitForExit(timeout: timeout)
            return CLIResult(arguments: command, status: status, stdout: child.stdout, stderr: child.stderr)
        }
    }

    /// Waits up to `timeout` for the exit; the status, or nil if the process still runs.
    func waitForExit(timeout: Duration) -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.005)
        }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Sends `signal` to the process.
    func send(_ signal: Int32) { kill(process.processIdentifier, signal) }

    /// What it wrote on standard output so far.
    var stdout: String { (try? String(contentsOf: outURL, encoding: .utf8)) ?? "" }

    /// What it wrote on standard error so far.
    var stderr: String { (try? String(contentsOf: errURL, encoding: .utf8)) ?? "" }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
    }
}

/// How a finished subcommand ended.
struct CLIResult: CustomStringConvertible {
    var arguments: [String]
    /// The exit status; nil if it did not end in time (it was then killed).
    var status: Int32?
    var stdout: String
    var stderr: String

    /// The non-empty lines of standard output.
    var lines: [String] { stdout.split(separator: "\n").map(String.init) }

    /// Standard output parsed as one JSON value.
    func json() throws -> Any {
        try JSONSerialization.jsonObject(with: Data(stdout.utf8), options: [.fragmentsAllowed])
    }

    var description: String {
        "fty-alert-engine \(arguments.joined(separator: " ")) → \(status.map(String.init) ?? "still running")\n"
            + "stdout: \(stdout)\nstderr: \(stderr)"
    }
}
