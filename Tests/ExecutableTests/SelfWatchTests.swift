import Foundation
import FtyProto
import MalamuteClient
import TestSupport
import Testing

/// Issue 12 item 4 through the built executable: sd_notify READY / WATCHDOG / STOPPING over a
/// real unix datagram socket, the watchdog stopping while the engine loop is blocked, the
/// heartbeat METRIC on METRICS, and `systemd-analyze verify` of the shipped unit.
@Suite struct SelfWatchTests {
    static let quiet = ["BIOS_LOG_LEVEL": "LOG_WARNING"]

    @Test func readyThenWatchdogOnlyWhileTheEngineLoopTurns() throws {
        let socket = try NotifySocket()
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let block = directory + "-block"
        let engine = try EngineProcess(
            ["--embedded-broker", "--endpoint", uniqueEndpoint("notify"), "--rules-dir", directory, "--http-listen", "off"],
            environment: Self.quiet.merging([
                "NOTIFY_SOCKET": socket.name, "WATCHDOG_USEC": "400000", "FTY_ALERT_ENGINE_TEST_BLOCK_LOOP": block,
            ]) { $1 })
        // READY=1 comes first, once every server runs; then a WATCHDOG=1 every 200 ms.
        #expect(socket.receive(timeout: .seconds(20)) == "READY=1")
        #expect(socket.receive(timeout: .seconds(5)) == "WATCHDOG=1")
        #expect(socket.receive(timeout: .seconds(5)) == "WATCHDOG=1")

        // Blocked loop: at most the pings already decided, then silence for 5 pet intervals.
        #expect(FileManager.default.createFile(atPath: block, contents: Data()))
        var late = 0
        while socket.receive(timeout: .seconds(1)) == "WATCHDOG=1" {
            late += 1
            if late > 5 { break }
        }
        #expect(late <= 2, "WATCHDOG=1 went on while the engine loop was blocked")

        // Unblocked: the pings come back.
        try FileManager.default.removeItem(atPath: block)
        #expect(socket.receive(timeout: .seconds(5)) == "WATCHDOG=1")

        engine.send(SIGTERM)
        var last: String?
        while let message = socket.receive(timeout: .seconds(10)) {
            last = message
            if message == "STOPPING=1" { break }
        }
        #expect(last == "STOPPING=1")
        #expect(engine.waitForExit(timeout: .seconds(15)) == 0)
    }

    @Test func heartbeatMetricArrivesOnMETRICSWhenAskedFor() throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let endpoint = uniqueEndpoint("heartbeat")
        let engine = try EngineProcess(
            ["--embedded-broker", "--endpoint", endpoint, "--rules-dir", directory, "--http-listen", "off", "--heartbeat", "1s"],
            environment: Self.quiet)
        let watcher = try connectedClient(endpoint, "heartbeat-watcher")
        defer { watcher.close() }
        try watcher.setConsumer(stream: "METRICS", pattern: "heartbeat@.*")
        let delivery = try #require(try watcher.receive(timeout: .seconds(20)))
        #expect(delivery.subjectString == "heartbeat@fty-alert-engine")
        #expect(delivery.senderString == "fty-alert-engine-heartbeat")
        guard case .metric(let metric) = try FtyProtoCodec.decode(delivery.content) else {
            Issue.record("not a METRIC")
            return
        }
        #expect(metric.type == "heartbeat" && metric.name == "fty-alert-engine" && metric.unit == "s" && metric.ttl == 3)
        #expect(UInt64(metric.value) != nil)
        let next = try #require(try watcher.receive(timeout: .seconds(5)))
        #expect(next.subjectString == "heartbeat@fty-alert-engine")
        engine.send(SIGTERM)
        #expect(engine.waitForExit(timeout: .seconds(15)) == 0)
    }

    @Test func aBadHeartbeatPeriodIsAUsageError() throws {
        let rules = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: rules) }
        let engine = try EngineProcess(["--heartbeat", "soon", "--rules-dir", rules])
        #expect(engine.waitForExit(timeout: .seconds(15)) == 64)
        #expect(engine.readOutput().contains("--heartbeat"))
    }

    /// The shipped unit, with its ExecStart pointed at the built executable and stand-ins for the
    /// 42ity units it requires, verifies without a single complaint.
    @Test func theSystemdUnitVerifies() throws {
        let analyze = "/usr/bin/systemd-analyze"
        guard FileManager.default.isExecutableFile(atPath: analyze) else {
            Issue.record("systemd-analyze is missing: install the Debian package systemd (.ci/run does)")
            return
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let unit = try String(contentsOf: root.appendingPathComponent("packaging/fty-alert-engine.service"), encoding: .utf8)
        #expect(unit.contains("Type=notify") && unit.contains("WatchdogSec=30s"))
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let patched = unit.replacingOccurrences(
            of: "ExecStart=/usr/bin/fty-alert-engine", with: "ExecStart=\(EngineProcess.executable.path)")
        try patched.write(toFile: directory + "/fty-alert-engine.service", atomically: true, encoding: .utf8)
        for name in ["malamute.service", "fty-asset.service"] {
            try "[Service]\nExecStart=/bin/true\n".write(toFile: directory + "/" + name, atomically: true, encoding: .utf8)
        }
        try "[Unit]\nDescription=stand-in\n".write(toFile: directory + "/bios.target", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: analyze)
        process.arguments = ["verify", "--man=no", directory + "/fty-alert-engine.service"]
        process.environment = ProcessInfo.processInfo.environment.merging(["SYSTEMD_UNIT_PATH": directory + ":"]) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text.isEmpty, "systemd-analyze verify: \(text)")
    }
}
