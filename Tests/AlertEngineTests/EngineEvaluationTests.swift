import Foundation
import FtyProto
import Testing

@testable import AlertEngine

/// Metrics through the engine core: evaluation per kind and publication (engine.md §5–§7, D1, D2).
@Suite struct EngineEvaluationTests {
    static func loaded(_ files: String...) throws -> EngineHarness {
        let engine = try EngineHarness()
        for file in files { engine.add(try ReferenceFiles.rule(file)) }
        return engine
    }

    // MARK: simple threshold (§6.1)

    @Test(arguments: [
        ("20", "CRITICAL", "WOW low critical description"), ("35", "WARNING", "wow LOW warning description"),
        ("52", "WARNING", "wow high WARNING description"), ("62", "CRITICAL", "wow high critical DESCTIPRION"),
    ])
    func simpleThresholdRaisesTheBreachedLevel(value: String, severity: String, description: String) throws {
        let engine = try Self.loaded("simplethreshold.rule")
        let published = engine.metric("abc@fff", value, ttl: 60)
        #expect(published.count == 1)
        let alert = try #require(published.first).ftyAlert
        #expect(alert.state == "ACTIVE" && alert.severity == severity && alert.description == description)
        #expect(alert.rule == "simplethreshold" && alert.name == "fff")
        #expect(alert.ttl == 180)  // §7.3: 3 × the metric TTL
        #expect(alert.time == engine.time)
        #expect(published.first?.subject == "simplethreshold/\(severity)@fff")
    }

    @Test func simpleThresholdResolvesWithEmptySeverity() throws {
        let engine = try Self.loaded("simplethreshold.rule")
        let first = engine.metric("abc@fff", "42")  // the first OK publishes too (§7.2)
        #expect(first.map(\.state) == [.resolved])
        #expect(first.first?.subject == "simplethreshold/@fff")
        #expect(first.first?.ftyAlert.action == [])
        #expect(first.first?.ftyAlert.description == "ok")
        #expect(engine.metric("abc@fff", "45").isEmpty)  // RESOLVED again: nothing
        #expect(engine.metric("abc@fff", "10").map(\.state) == [.active])
        #expect(engine.metric("abc@fff", "45").map(\.state) == [.resolved])
    }

    // MARK: D2 publication limits

    @Test func unchangedActiveAlertIsRepublishedOncePerMetricTTL() throws {
        let engine = try Self.loaded("simplethreshold.rule")
        #expect(engine.metric("abc@fff", "10", ttl: 30).count == 1)
        #expect(engine.metric("abc@fff", "11", ttl: 30).isEmpty)
        engine.time += 29
        #expect(engine.metric("abc@fff", "12", ttl: 30).isEmpty)
        engine.time += 1
        #expect(engine.metric("abc@fff", "12", ttl: 30).count == 1)
        // A severity change publishes at once.
        #expect(engine.metric("abc@fff", "35", ttl: 30).map(\.severity) == ["WARNING"])
    }

    /// The engine decides "nothing to publish" for simple thresholds without the tracker; what
    /// clears the tracker behind its back (TOUCH, unavailable metric) must publish again.
    @Test func simpleThresholdPublishesAgainAfterItsCacheWasCleared() throws {
        let engine = try Self.loaded("simplethreshold.rule")
        #expect(engine.metric("abc@fff", "42").map(\.state) == [.resolved])
        #expect(engine.metric("abc@fff", "43").isEmpty)
        #expect(engine.request("TOUCH", "simplethreshold").reply == [Array("OK".utf8)])
        #expect(engine.metric("abc@fff", "43").map(\.state) == [.resolved])  // cache was cleared
        #expect(engine.metric("abc@fff", "10", ttl: 30).map(\.state) == [.active])
        #expect(engine.metric("abc@fff", "11", ttl: 30).isEmpty)
        _ = engine.core.handleUnavailable(frames: [Array("METRICUNAVAILABLE".utf8), Array("abc@fff".utf8)])
        #expect(engine.metric("abc@fff", "11", ttl: 30).map(\.state) == [.active])
        #expect(engine.metric("abc@fff", "11", ttl: 40).map(\.ttl) == [120])  // ttl change: at once
        #expect(engine.metric("abc@fff", "11", ttl: 40).isEmpty)
    }

    // MARK: complex threshold and single (§6.2, §5.4)

    @Test func complexThresholdNeedsEveryTargetAndPassesThemInOrder() throws {
        let engine = try Self.loaded("complexthreshold.rule")
        #expect(engine.metric("abc@fff1", "10").isEmpty)  // abc@fff2 missing: nothing
        let published = engine.metric("abc@fff2", "15")  // 25 < 30 → low critical
        #expect(published.map(\.severity) == ["CRITICAL"])
        #expect(published.first?.element == "fff")
        let ok = engine.metric("abc@fff2", "35")  // 45 → OK
        #expect(ok.first?.ftyAlert.severity == "OK")
        #expect(ok.first?.ftyAlert.action == [""])
        #expect(ok.first?.ftyAlert.description == "everything is ok")
        #expect(ok.first?.subject == "complexthreshold/OK@fff")
    }

    @Test func singleRuleUsesItsValuesAndElement() throws {
        let engine = try Self.loaded("single.rule")
        _ = engine.metric("abc@sss1", "1")
        // 1*2 + 20*(-3) = -58 < -10 → HIGH_CRITICAL
        let published = engine.metric("abc@sss2", "20")
        #expect(published.map(\.severity) == ["CRITICAL"])
        #expect(published.first?.element == "aaa")
        // 10*2 + 20*(-3) = -40 → still HIGH_CRITICAL; 10*2 + 1*(-3) = 17 > 0 → HIGH_WARNING
        #expect(engine.metric("abc@sss1", "10").isEmpty)
        #expect(engine.metric("abc@sss2", "1").map(\.severity) == ["WARNING"])
        let cached = engine.core.cachedAlert(rule: "single", element: "aaa")
        #expect(cached?.actions == ["EMAIL", "GPO_INTERACTION:gpo-42:open"])
    }

    @Test func nanValueCountsAsMissingForLua() throws {
        let engine = try Self.loaded("complexthreshold.rule")
        _ = engine.metric("abc@fff1", "nan")
        #expect(engine.metric("abc@fff2", "10").isEmpty)
    }

    // MARK: pattern and warranty (§6.4, §6.5)

    @Test func warrantyRuleRewritesTheDescriptionAndRuleField() throws {
        let engine = try Self.loaded("warranty.rule")
        let soon = try #require(engine.metric("end_warranty_date@ups-9", "5.7").first)
        #expect(soon.subject == "warranty/CRITICAL@ups-9")
        let alert = soon.ftyAlert
        #expect(alert.rule == "warranty@ups-9")
        #expect(alert.name == "ups-9")
        #expect(
            alert.description
                == #"{"key" : "TRANSLATE_LUA (Warranty on {{asset}} expires in less than {{days}} days.)", "variables" : { "asset" : { "value" : "", "assetLink" : "ups-9" }, "days" : "5"} }"#
        )
        // The cache keeps the rule's description.
        let cached = engine.core.cachedAlert(rule: "warranty", element: "ups-9")
        #expect(cached?.description == WarrantyDescription.expiresIn)
        let expired = try #require(engine.metric("end_warranty_date@ups-9", "-3").first)
        #expect(expired.ftyAlert.description.contains(#"expired {{days}} days ago.)""#))
        #expect(expired.ftyAlert.description.contains(#""days" : "3""#))
        let ok = try #require(engine.metric("end_warranty_date@ups-9", "100").first)
        #expect(ok.ftyAlert.description == "everything is ok")
        #expect(ok.subject == "warranty/OK@ups-9")
    }

    /// Per asset: the alert cache of a pattern rule is keyed by the metric's asset.
    @Test func patternRuleAlertsPerAsset() throws {
        let engine = try Self.loaded("pattern.rule")
        #expect(engine.metric("end_warranty_date@ups-1", "5").map(\.element) == ["ups-1"])
        #expect(engine.metric("end_warranty_date@ups-2", "50").map(\.element) == ["ups-2"])
        #expect(engine.metric("end_warranty_date@ups-1", "5").isEmpty)
        #expect(engine.core.cachedAlert(rule: "warranty2", element: "ups-2")?.severity == "WARNING")
    }

    // MARK: device threshold (§6.3)

    @Test func deviceThresholdNeverAlerts() throws {
        let engine = try Self.loaded("devicethreshold.rule")
        #expect(engine.core.ruleNames == ["device_threshold_test"])
        #expect(engine.metric("device_metric@ggg", "1").isEmpty)
        #expect(engine.metric("device_metric@ggg", "100").isEmpty)
    }

    // MARK: failures and isolation

    /// D4: one rule running out of budget is logged by name; the others still evaluate.
    @Test func luaBudgetStopOnOneRuleLeavesOthersEvaluating() throws {
        let engine = try EngineHarness(limits: LuaLimits(instructionsPerRun: 10_000))
        engine.add(EngineMailboxTests.single("spinner", evaluation: "function main(a) while true do end end"))
        engine.add(EngineMailboxTests.single("thrower", evaluation: "function main(a) error('boom') end"))
        engine.add(EngineMailboxTests.single("unknown", evaluation: "function main(a) return 3 end"))
        engine.add(EngineMailboxTests.single("good"))
        let published = engine.metric("abc@sss1", "50")
        #expect(published.map(\.ruleName) == ["good"])
        #expect(engine.log.contains("spinner", atLeast: .error))
        #expect(engine.log.contains("thrower", "boom", atLeast: .error))
        #expect(engine.log.contains("unknown", atLeast: .error))
        // The spinner is usable again next time (fresh budget), still without result.
        #expect(engine.metric("abc@sss1", "50").isEmpty)
    }

    @Test func valueThatIsNotANumberIsLoggedAndIgnored() throws {
        let engine = try Self.loaded("simplethreshold.rule")
        #expect(engine.metric("abc@fff", "50AA").isEmpty)
        #expect(engine.log.contains("abc@fff", "50AA"))
        #expect(engine.core.metrics["abc@fff"] == nil)
    }

    /// Q3: no negative cache; a topic seen before its rule existed is evaluated once it does.
    @Test func ruleAddedAfterItsMetricWasSeenIsEvaluated() throws {
        let engine = try EngineHarness()
        #expect(engine.metric("abc@fff", "10").isEmpty)
        engine.add(try ReferenceFiles.rule("simplethreshold.rule"))
        #expect(engine.metric("abc@fff", "10").count == 1)
    }

    /// The engine remembers each topic's rules; a rule deleted or added later must show at once.
    @Test func topicRulesFollowDeletesAndAdds() throws {
        let engine = try Self.loaded("simplethreshold.rule")
        #expect(engine.metric("abc@fff", "10").map(\.ruleName) == ["simplethreshold"])
        #expect(engine.reply("DELETE", "simplethreshold")?.first == "OK")
        #expect(engine.metric("abc@fff", "10").isEmpty)
        engine.add(try ReferenceFiles.rule("simplethreshold.rule"))
        #expect(engine.metric("abc@fff", "10").map(\.ruleName) == ["simplethreshold"])
    }

    /// `end_warranty_date@x` + `y` and `end_warranty_date` + `x@y` share the topic bytes, but
    /// only the second is a warranty metric, looked up under the literal warranty key (§5.2
    /// step 5): remembering a topic's rules must not mix them up.
    @Test func warrantyLookupFollowsTheQuantityNotOnlyTheTopic() throws {
        let engine = try EngineHarness()
        let rule = try ReferenceFiles.rule("simplethreshold.rule")
        engine.add(rule.replacingOccurrences(of: "abc@fff", with: "end_warranty_date@x@y"))
        func metric(quantity: String, asset: String) -> [String] {
            engine.core.handleMetric(
                quantity: quantity, asset: asset, value: "10", unit: "", ttl: 60, auxTime: nil
            ).map(\.ruleName)
        }
        #expect(metric(quantity: "end_warranty_date", asset: "x@y").isEmpty)
        #expect(metric(quantity: "end_warranty_date@x", asset: "y") == ["simplethreshold"])
        #expect(metric(quantity: "end_warranty_date", asset: "x@y").isEmpty)
    }

    @Test func purgeDropsExpiredValues() throws {
        let engine = try Self.loaded("complexthreshold.rule")
        _ = engine.metric("abc@fff1", "10", ttl: 5)
        engine.time += 6
        engine.core.purgeMetrics()
        #expect(engine.metric("abc@fff2", "10").isEmpty)
        #expect(engine.metric("abc@fff1", "10").count == 1)
    }

    @Test func busMetricUsesAuxTime() throws {
        let engine = try Self.loaded("simplethreshold.rule")
        let metric = FtyMetric(
            aux: ["time": "123"], time: 999, ttl: 7, type: "abc", name: "fff", value: "70", unit: "%")
        let published = engine.core.handleMetric(metric)
        #expect(published.map(\.ttl) == [21])
        #expect(engine.core.metrics["abc@fff"]?.timestamp == 123)
        #expect(published.first?.time == engine.time)  // Q31: publication time
    }

    @Test func shmMetricGoesThroughTheSamePipeline() throws {
        let engine = try Self.loaded("simplethreshold.rule")
        let metric = ShmMetric(quantity: "abc", asset: "fff", value: "65", unit: "", ttl: 40, time: 0)
        let published = engine.core.handleMetric(metric)
        #expect(published.map(\.subject) == ["simplethreshold/CRITICAL@fff"])
        #expect(published.map(\.ttl) == [120])
    }

    // MARK: audit log (§13)

    @Test func luaEvaluationsWriteAuditLines() throws {
        let engine = try Self.loaded("single.rule", "simplethreshold.rule")
        _ = engine.metric("abc@sss1", "10")
        _ = engine.metric("abc@sss2", "5")
        _ = engine.metric("abc@sss2", "1e6")
        _ = engine.metric("abc@fff", "10")  // simple thresholds are not audited
        #expect(
            engine.auditLog.messages == [
                "Audit logger initialization (fty-alert-engine)",
                "Evaluate rule 'single' [abc@sss1 = 10, abc@sss2 = NaN] -> UNKNOWN ",
                "Evaluate rule 'single' [abc@sss1 = 10, abc@sss2 = 5] -> ACTIVE WARNING",
                "Evaluate rule 'single' [abc@sss1 = 10, abc@sss2 = 1e+06] -> ACTIVE CRITICAL",
            ])
    }

    @Test(arguments: [(1032.0, "1032"), (0.5, "0.5"), (1_234_567, "1.23457e+06"), (-2.25, "-2.25")])
    func auditValuesPrintLikeCppStreams(value: Double, text: String) {
        #expect(EvaluationAudit.format(value) == text)
    }

    // MARK: METRICUNAVAILABLE (§5.5)

    @Test(arguments: ["METRICUNAVAILABLE", "METRIC_UNAVAILABLE"])
    func unavailableTouchesRulesOfExactlyThatTopic(command: String) throws {
        let engine = try Self.loaded("simplethreshold.rule", "complexthreshold.rule")
        _ = engine.metric("abc@fff", "10")
        _ = engine.metric("abc@fff1", "10")
        _ = engine.metric("abc@fff2", "10")
        let published = engine.core.handleUnavailable(frames: [Array(command.utf8), Array("abc@fff".utf8)])
        #expect(published.map(\.ruleName) == ["simplethreshold"])
        #expect(published.map(\.description) == ["Rule was changed implicitly"])
        #expect(published.map(\.ttl) == [0])
        #expect(engine.core.cachedAlert(rule: "simplethreshold", element: "fff") == nil)
        #expect(engine.core.metrics["abc@fff"] != nil)  // Q32
    }

    @Test func malformedUnavailableIsLogged() throws {
        let engine = try Self.loaded("simplethreshold.rule")
        #expect(engine.core.handleUnavailable(frames: [Array("HELLO".utf8), Array("abc@fff".utf8)]).isEmpty)
        #expect(engine.core.handleUnavailable(frames: [Array("METRICUNAVAILABLE".utf8)]).isEmpty)
        #expect(engine.log.messages.filter { $0.contains("_METRICS_UNAVAILABLE") }.count == 2)
    }

    // MARK: ALERT conversion (§7.3, Q29)

    @Test func overlongFieldIsLoggedWhenConverted() throws {
        let engine = try EngineHarness()
        let long = String(repeating: "d", count: 300)
        let publication = AlertPublication(
            ruleName: "r", element: "e", state: .active, severity: "WARNING", description: long, actions: ["EMAIL"],
            time: 5, ttl: 9)
        let alert = publication.ftyAlert(logger: engine.log.logger)
        #expect(alert.description == long)  // the codec cuts it, not the conversion
        #expect(engine.log.contains("description", "300", atLeast: .warning))
        let frame = try FtyProtoCodec.encode(alert)
        guard case .alert(let decoded) = try FtyProtoCodec.decode([frame]) else {
            Issue.record("not an alert")
            return
        }
        #expect(decoded.description.utf8.count == 255)
        #expect(decoded.rule == "r" && decoded.action == ["EMAIL"] && decoded.ttl == 9 && decoded.time == 5)
    }
}
