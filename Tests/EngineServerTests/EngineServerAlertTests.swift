import AlertEngine
import Foundation
import FtyProto
import MalamuteClient
import TestSupport
import Testing

/// Metrics in, alerts out, over the real bus (engine.md §5–§7, decisions.md D1, D2).
@Suite struct EngineServerAlertTests {
    @Test func simpleThresholdAlertsAndResolvesWithTheFieldsOfSection7_3() throws {
        let bus = try ServerHarness()
        try bus.add(try ReferenceRule.text("simplethreshold.rule"))
        let before = UInt64(Date().timeIntervalSince1970)
        try bus.publish("abc@fff", "20", ttl: 7)
        let active = try #require(try bus.nextAlert())
        #expect(active.subject == "simplethreshold/CRITICAL@fff")
        #expect(active.alert.rule == "simplethreshold" && active.alert.name == "fff")
        #expect(active.alert.state == "ACTIVE" && active.alert.severity == "CRITICAL")
        #expect(active.alert.description == "WOW low critical description")
        #expect(active.alert.action == ["EMAIL", "SMS"])
        #expect(active.alert.ttl == 21)  // 3 × the metric ttl
        #expect(active.alert.time >= before && active.alert.aux.isEmpty && active.alert.metadata.isEmpty)
        try bus.publish("abc@fff", "45", ttl: 7)
        let resolved = try #require(try bus.nextAlert())
        #expect(resolved.subject == "simplethreshold/@fff")  // Q10
        #expect(resolved.alert.state == "RESOLVED" && resolved.alert.description == "ok" && resolved.alert.action.isEmpty)
    }

    @Test func complexThresholdCombinesItsTargets() throws {
        let bus = try ServerHarness()
        try bus.add(try ReferenceRule.text("complexthreshold.rule"))
        try bus.publish("abc@fff1", "40")  // abc@fff2 missing: no evaluation (§5.4)
        try bus.publish("abc@fff2", "30")  // 70 > 60
        let active = try #require(try bus.nextAlert())
        #expect(active.subject == "complexthreshold/CRITICAL@fff")
        try bus.publish("abc@fff2", "5")  // 45: ok
        let resolved = try #require(try bus.nextAlert())
        #expect(resolved.subject == "complexthreshold/OK@fff")
        #expect(resolved.alert.state == "RESOLVED" && resolved.alert.description == "everything is ok")
        #expect(resolved.alert.action == [""])  // Q10
    }

    @Test func singleRuleAlertsOnItsElement() throws {
        let bus = try ServerHarness()
        try bus.add(try ReferenceRule.text("single.rule"))
        try bus.publish("abc@sss1", "10")
        try bus.publish("abc@sss2", "1")  // 10·2 + 1·(−3) = 17 > 0
        let active = try #require(try bus.nextAlert())
        #expect(active.subject == "single/WARNING@aaa")
        #expect(active.alert.action == ["EMAIL", "GPO_INTERACTION:gpo-42:open"])
        try bus.publish("abc@sss2", "10")  // 20 − 30 = −10: ok
        #expect(try bus.nextAlert()?.subject == "single/OK@aaa")
    }

    @Test func warrantyRuleAlertsPerAssetWithTheRewrittenDescription() throws {
        let bus = try ServerHarness()
        try bus.add(try String(contentsOf: Fixtures.packageRoot.appendingPathComponent("rules/warranty.rule"), encoding: .utf8))
        try bus.publish("end_warranty_date@ups-9", "30")
        let alert = try #require(try bus.nextAlert())
        #expect(alert.subject == "warranty/WARNING@ups-9")
        #expect(alert.alert.rule == "warranty@ups-9" && alert.alert.name == "ups-9")
        #expect(
            alert.alert.description
                == #"{"key" : "TRANSLATE_LUA (Warranty on {{asset}} expires in less than {{days}} days.)", "variables" : { "asset" : { "value" : "", "assetLink" : "ups-9" }, "days" : "30"} }"#)
        try bus.publish("end_warranty_date@ups-9", "300")
        #expect(try bus.nextAlert()?.subject == "warranty/OK@ups-9")
    }

    /// D2: an unchanged ACTIVE alert is not re-published before the metric ttl has passed, and is
    /// at the first evaluation after it.
    @Test func unchangedActiveAlertIsRepublishedOncePerMetricTTL() throws {
        let bus = try ServerHarness()
        try bus.add(simpleRule("r", target: "t@a", element: "a"))
        try bus.add(simpleRule("sentinel", target: "s@a", element: "a"))
        try bus.publish("t@a", "70", ttl: 1)
        let first = try #require(try bus.nextAlert())
        #expect(first.subject == "r/CRITICAL@a" && first.alert.ttl == 3)
        var republished: FtyAlert?
        var sentinelValue = 70
        let deadline = ContinuousClock.now + .seconds(4)
        while republished == nil && ContinuousClock.now < deadline {
            try bus.publish("t@a", "70", ttl: 1)
            // A change of the sentinel's description is published at once and follows on the
            // same stream, so whatever came before it is all that the repeat produced.
            sentinelValue = sentinelValue == 70 ? 55 : 70
            try bus.publish("s@a", "\(sentinelValue)", ttl: 1)
            while let next = try bus.nextAlert(), !next.subject.hasPrefix("sentinel/") {
                #expect(next.subject == "r/CRITICAL@a")
                republished = next.alert
            }
        }
        let again = try #require(republished)
        #expect(again.time >= first.alert.time + 1)  // never before the ttl has passed
        #expect(again.state == "ACTIVE" && again.ttl == 3)
    }

    @Test func metricsUnavailableInBothSpellingsResolvesTheRulesOfTheTopic() throws {
        let bus = try ServerHarness()
        try bus.add(simpleRule("r", target: "t@a", element: "a"))
        let producer = MalamuteClient(configuration: ClientConfiguration(endpoint: bus.endpoint, name: "unavailable"))
        try producer.connect()
        defer { producer.close() }
        try producer.setProducer(stream: FtyStreams.metricsUnavailable)
        for command in ["METRICUNAVAILABLE", "METRIC_UNAVAILABLE"] {
            try bus.publish("t@a", "70")
            #expect(try bus.nextAlert()?.alert.state == "ACTIVE")
            try producer.send(subject: "t@a", content: [command, "t@a"])
            let resolved = try #require(try bus.nextAlert())
            #expect(resolved.subject == "r/CRITICAL@a")
            #expect(resolved.alert.state == "RESOLVED" && resolved.alert.description == "Rule was changed implicitly")
            #expect(resolved.alert.ttl == 0)
        }
    }

    @Test func garbageOnTheMetricStreamsIsSkippedAndTheLinuxmetricsSenderIgnored() throws {
        let bus = try ServerHarness()
        try bus.add(simpleRule("r", target: "t@a", element: "a"))
        try bus.add(simpleRule("sentinel", target: "s@a", element: "a"))
        for index in 0..<300 {
            try bus.metrics.send(subject: "t@a", content: [[0xAA, 0xA1, 0x01, UInt8(index & 0xFF)]])
            try bus.metrics.send(subject: "t@a", content: [Array("not fty_proto".utf8)])
        }
        let linux = MalamuteClient(configuration: ClientConfiguration(endpoint: bus.endpoint, name: "fty_info_linuxmetrics"))
        try linux.connect()
        defer { linux.close() }
        try linux.setProducer(stream: FtyStreams.metrics)
        try bus.publish("t@a", "70", by: linux)  // engine.md §1: dropped unread
        try bus.publish("s@a", "10")
        try bus.publish("s@a", "55")
        // Only the sentinel's two alerts: the garbage was skipped, the engine is alive, and the
        // breach from fty_info_linuxmetrics raised nothing.
        #expect(try bus.nextSubjects(2) == ["sentinel/@a", "sentinel/WARNING@a"])
        try bus.publish("t@a", "70")
        #expect(try bus.nextAlert()?.subject == "r/CRITICAL@a")
    }

    @Test func shmMetricsAreReadOnATimerAndCountForTheXphaseCheck() throws {
        let bus = try ServerHarness(shmPollInterval: .milliseconds(100))
        let store = ShmMetricStore(root: bus.shmDirectory)
        let now = Int(Date().timeIntervalSince1970)
        for phase in 1...3 {
            try store.write(
                ShmMetric(quantity: "voltage.input.L\(phase)-N", asset: "ups-1", value: "230", unit: "V", ttl: 600, time: now))
        }
        #expect(
            try bus.reply("ADD", simpleRule("voltage.input_3phase@ups-1", target: "v@ups-1", element: "ups-1"))?.first
                == "OK")
        try bus.add(simpleRule("r", target: "t@shm", element: "shm"))
        try store.write(ShmMetric(quantity: "t", asset: "shm", value: "65", unit: "", ttl: 60, time: now))
        let alert = try #require(try bus.nextAlert())
        #expect(alert.subject == "r/CRITICAL@shm" && alert.alert.ttl == 180)
    }
}
