import Foundation
import FtyProto
import MalamuteClient
import TestSupport
import Testing

/// `fty-alert-engine publish …`: what lands on the bus, and what the engine makes of it.
@Suite(.runningEngine("cli-publish")) struct CLIPublishTests {
    private var engine: RunningEngine { get throws { try RunningEngine.shared() } }
    private let scratch = ScratchDirectory()

    @Test func aPublishedMetricRaisesAnAlertAndUnavailableResolvesIt() throws {
        let file = try scratch.write(RuleFiles.threshold("cli-pub", element: "pub-1"))
        #expect(try engine.cli(["rules", "add", file]).status == 0)
        let alerts = try engine.client("alerts")
        defer { alerts.close() }
        try alerts.setConsumer(stream: "_ALERTS_SYS", pattern: "^cli-pub/")

        let metric = try engine.cli(["publish", "metric", "load@pub-1", "97.5", "--unit", "%", "--ttl", "20"])
        #expect(metric.status == 0, "\(metric)")
        #expect(metric.lines == ["published METRIC load@pub-1 = 97.5 % on METRICS (subject load@pub-1)"])
        let active = try #require(try CLIRulesTests.nextAlert(alerts))
        #expect(active.rule == "cli-pub" && active.name == "pub-1" && active.state == "ACTIVE")
        #expect(active.severity == "CRITICAL" && active.ttl == 60)  // engine.md §7.3: 3 × the metric's TTL

        let unavailable = try engine.cli(["publish", "unavailable", "load@pub-1", "--json"])
        #expect(unavailable.status == 0, "\(unavailable)")
        #expect(
            try unavailable.json() as? [String: String]
                == ["result": "OK", "stream": "_METRICS_UNAVAILABLE", "subject": "load@pub-1"])
        let resolved = try #require(try CLIRulesTests.nextAlert(alerts))
        #expect(resolved.state == "RESOLVED" && resolved.description == "Rule was changed implicitly")
    }

    @Test func aMetricIsAnFtyProtoMetricOnMETRICS() throws {
        let metrics = try engine.client("metrics")
        defer { metrics.close() }
        try metrics.setConsumer(stream: "METRICS", pattern: "^temperature@cli-")
        let before = UInt64(Date().timeIntervalSince1970)
        let result = try engine.cli(["publish", "metric", "temperature@cli-sensor", "21.5", "--unit", "C", "--ttl", "300"])
        #expect(result.status == 0, "\(result)")
        let delivery = try #require(try metrics.receive(timeout: .seconds(5)))
        #expect(delivery.subjectString == "temperature@cli-sensor")
        guard case .metric(let metric) = try FtyProtoCodec.decode(delivery.content) else {
            Issue.record("not a METRIC: \(delivery)")
            return
        }
        #expect(metric.type == "temperature" && metric.name == "cli-sensor" && metric.value == "21.5")
        #expect(metric.unit == "C" && metric.ttl == 300 && metric.time >= before)
    }

    @Test func anAssetIsAnFtyProtoAssetOnASSETS() throws {
        let assets = try engine.client("assets")
        defer { assets.close() }
        try assets.setConsumer(stream: "ASSETS", pattern: ".*")
        let result = try engine.cli([
            "publish", "asset", "ups-7", "--type", "device", "--subtype", "ups", "--operation", "update",
            "--ext", "name=UPS 7", "--ext", "phases.input=3",
        ])
        #expect(result.status == 0, "\(result)")
        let delivery = try #require(try assets.receive(timeout: .seconds(5)))
        #expect(delivery.subjectString == "device.ups@ups-7")  // wire.md §5.1
        guard case .asset(let asset) = try FtyProtoCodec.decode(delivery.content) else {
            Issue.record("not an ASSET: \(delivery)")
            return
        }
        #expect(asset.name == "ups-7" && asset.operation == "update")
        #expect(asset.aux["type"] == "device" && asset.aux["subtype"] == "ups" && asset.aux["status"] == "active")
        #expect(asset.ext["name"] == "UPS 7" && asset.ext["phases.input"] == "3" && asset.ext.count == 2)

        let plain = try engine.cli(["publish", "asset", "rack-2", "--type", "rack"])
        #expect(plain.status == 0, "\(plain)")
        let second = try #require(try assets.receive(timeout: .seconds(5)))
        #expect(second.subjectString == "rack.unknown@rack-2")
        guard case .asset(let rack) = try FtyProtoCodec.decode(second.content) else {
            Issue.record("not an ASSET: \(second)")
            return
        }
        #expect(rack.operation == "create" && rack.aux["subtype"] == nil && rack.ext.isEmpty)
    }
}
