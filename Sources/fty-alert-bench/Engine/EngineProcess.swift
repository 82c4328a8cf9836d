import Foundation

/// The real `fty-alert-engine` executable, run as a child process with its own embedded broker.
///
/// Its output goes to a log file (the engine may log a line per rule), which a failing run
/// names so it can be read.
final class EngineProcess {
    let process = Process()
    let logURL: URL

    /// The executable built next to this benchmark (`swift build -c release` builds both).
    static func siblingExecutable() -> URL {
        let own = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: own).deletingLastPathComponent().appendingPathComponent("fty-alert-engine")
    }

    /// Starts the engine (with `extraArguments` after the usual ones); returns once the child is
    /// spawned (not once it is ready).
    init(executable: URL, endpoint: String, rulesDirectory: URL, logURL: URL, extraArguments: [String] = []) throws {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw BenchmarkError("no engine executable at \(executable.path) (build it: swift build -c release)")
        }
        self.logURL = logURL
        guard FileManager.default.createFile(atPath: logURL.path, contents: nil) else {
            throw BenchmarkError("cannot create the engine log \(logURL.path)")
        }
        let log = try FileHandle(forWritingTo: logURL)
        process.executableURL = executable
        process.arguments = ["--embedded-broker", "--endpoint", endpoint, "--rules-dir", rulesDirectory.path] + extraArguments
        process.standardOutput = log
        process.standardError = log
        process.standardInput = FileHandle.nullDevice
        try process.run()
        Self.stopOnSignals(child: process.processIdentifier)
    }

    /// The child to stop when the benchmark is interrupted; written before the handlers are set.
    nonisolated(unsafe) private static var interruptedChild: pid_t = 0

    /// Makes SIGINT / SIGTERM / SIGHUP of the benchmark, and SIGPIPE (its output piped into
    /// `head`), stop the engine too, so no orphan keeps the endpoint and a core busy.
    private static func stopOnSignals(child: pid_t) {
        interruptedChild = child
        for signalNumber in [SIGINT, SIGTERM, SIGHUP, SIGPIPE] {
            signal(signalNumber) { received in
                if EngineProcess.interruptedChild > 0 { kill(EngineProcess.interruptedChild, SIGTERM) }
                _exit(128 + received)
            }
        }
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// VmRSS of the child in bytes, from /proc/<pid>/status.
    func residentBytes() throws -> Int {
        try ProcessMemory.residentBytes(of: "\(pid)")
    }

    /// Sends SIGTERM and waits up to `timeout` for the exit; SIGKILL after that. Returns the status.
    @discardableResult
    func stop(timeout: Duration = .seconds(5)) -> Int32? {
        guard process.isRunning else { return process.terminationStatus }
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline { usleep(10_000) }
        if process.isRunning {
            kill(pid, SIGKILL)
            process.waitUntilExit()
            return nil
        }
        return process.terminationStatus
    }

    /// Fails when the engine has died (its log says why).
    func checkAlive() throws {
        guard process.isRunning else {
            throw BenchmarkError("the engine exited with status \(process.terminationStatus); log: \(logURL.path)")
        }
    }

    deinit {
        if process.isRunning { stop() }
    }
}
