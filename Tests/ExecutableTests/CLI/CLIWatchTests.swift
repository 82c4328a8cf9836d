import Foundation
import FtyProto
import MalamuteClient
import TestSupport
import Testing

/// `fty-alert-engine watch`: alerts as they arrive, until --count or a signal.
///
/// Serialized: every watcher sees every alert of the engine.
@Suite(.runningEngine("cli-watch"), .serialized) struct CLIWatchTests {
    private var engine: RunningEngine { get throws { try RunningEngine.shared() } }
    private let scratch = ScratchDirectory()

    /// Starts `watch` and waits until it has subscribed (it says so on standard error).
    private func startWatch(_ arguments: [String]) throws -> CLIProcess {
        let watch = try CLIProcess(["watch"] + arguments + ["--endpoint", try engine.endpoint])
        #expect(eventually { watch.stderr.contains("watching") || !watch.process.isRunning }, "\(watch.stderr)")
        return watch
    }

    @Test func countOnePrintsTheAlertAMetricRaised() throws {
        #expect(try engine.cli(["rules", "add", try scratch.write(RuleFiles.threshold("cli-watch", element: "w-1"))]).status == 0)
        let watch = try startWatch(["--count", "1"])
        #expect(try engine.cli(["publish", "metric", "load@w-1", "99"]).status == 0)
        #expect(watch.waitForExit(timeout: .seconds(5)) == 0, "\(watch.stderr)")
        let fields = watch.stdout.split(separator: "\n").first?.split(separator: " ").map(String.init) ?? []
        // time, state, severity, rule, element, description
        #expect(fields.count == 8, "\(watch.stdout)")
        #expect((try? Date(fields.first ?? "", strategy: .iso8601)) != nil)
        #expect(Array(fields.dropFirst()) == ["ACTIVE", "CRITICAL", "cli-watch", "w-1", "overload", "of", "w-1"])
    }

    @Test func jsonGivesOneObjectPerAlert() throws {
        let watch = try startWatch(["--count", "2", "--json", "--stream", "ALERTS"])
        let producer = try engine.client("alert-list")
        defer { producer.close() }
        try producer.setProducer(stream: "ALERTS")
        for state in ["ACTIVE", "RESOLVED"] {
            let alert = FtyAlert(
                aux: [:], time: 1_700_000_000, ttl: 90, rule: "r@x", name: "x", state: state, severity: "WARNING",
                description: "d \(state)", action: ["EMAIL", "SMS"], metadata: "")
            try producer.send(subject: "r@x/WARNING@x", content: [try FtyProtoCodec.encode(alert)])
        }
        #expect(watch.waitForExit(timeout: .seconds(5)) == 0, "\(watch.stderr)")
        let objects = watch.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        #expect(objects.count == 2, "\(watch.stdout)")
        #expect(objects.map { $0["state"] as? String } == ["ACTIVE", "RESOLVED"])
        let first = try #require(objects.first)
        #expect(first["time"] as? Int == 1_700_000_000 && first["ttl"] as? Int == 90)
        #expect(first["rule"] as? String == "r@x" && first["element"] as? String == "x")
        #expect(first["severity"] as? String == "WARNING" && first["description"] as? String == "d ACTIVE")
        #expect(first["actions"] as? [String] == ["EMAIL", "SMS"])
        #expect(first["stream"] as? String == "ALERTS" && first["subject"] as? String == "r@x/WARNING@x")
    }

    @Test(arguments: [SIGTERM, SIGINT]) func aSignalEndsItWithStatusZero(signal: Int32) throws {
        let watch = try startWatch([])
        watch.send(signal)
        #expect(watch.waitForExit(timeout: .seconds(3)) == 0, "\(watch.stderr)")
    }
}
