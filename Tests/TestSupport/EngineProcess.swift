import Foundation

/// The built `fty-alert-engine` executable, started as a child process for end-to-end tests.
public final class EngineProcess: @unchecked Sendable {
    // @unchecked: `process` and the output pipe are only touched by the owning test.
    public let process = Process()
    private let output = Pipe()

    /// Path of the built executable: next to the running test bundle in `.build/<triple>/debug`.
    public static var executable: URL {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return exe.deletingLastPathComponent().appendingPathComponent("fty-alert-engine")
    }

    /// Starts the executable with `arguments` and `environment` added to this process's.
    public init(_ arguments: [String], environment: [String: String] = [:]) throws {
        process.executableURL = Self.executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = output
        process.standardError = output
        try process.run()
    }

    /// Sends `signal` to the process.
    public func send(_ signal: Int32) {
        kill(process.processIdentifier, signal)
    }

    /// Waits up to `timeout` for the process to exit; returns its status, or nil if still running.
    public func waitForExit(timeout: Duration) -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning && ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.005)
        }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// How the process ended, for failure messages: `exit N` or `signal N` (call after it exited).
    public var endedBy: String {
        process.isRunning
            ? "running"
            : "\(process.terminationReason == .uncaughtSignal ? "signal" : "exit") \(process.terminationStatus)"
    }

    /// Everything the process wrote to stdout and stderr (call after it exited).
    public func readOutput() -> String {
        String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}
