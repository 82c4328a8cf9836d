import Testing

@testable import AlertEngine

/// The evidence of a published alert (issue 10 item 2): the inputs from the metric cache, the
/// rule's values, and the threshold crossed or the Lua rule's outcome; and the pending hook.
@Suite struct EvidenceTests {
    /// An observer that keeps what it is told (the engine thread calls it).
    final class Observer: AlertObserver, @unchecked Sendable {
        var pending: [(rule: String, candidate: AlertCandidate, time: UInt64, evidence: EvaluationEvidence)] = []
        func published(_ publication: AlertPublication, evidence: EvaluationEvidence, producer: String) {}
        func pendingStarted(rule: String, candidate: AlertCandidate, time: UInt64, evidence: EvaluationEvidence) {
            pending.append((rule, candidate, time, evidence))
        }
    }

    static func threshold(_ name: String, extra: String = "") -> String {
        """
        {"threshold": {"rule_name": "\(name)", "target": "temperature@room-1", "element": "room-1",
         "values": [{"high_warning": "30"}, {"high_critical": "40"}, {"low_warning": "5"}]\(extra),
         "results": [{"high_critical": {"action": [], "description": "hot"}},
                     {"high_warning": {"action": [], "description": "warm"}},
                     {"low_warning": {"action": [], "description": "cold"}}]}}
        """
    }

    @Test(arguments: [("41", "high_critical", "40"), ("35", "high_warning", "30"), ("2", "low_warning", "5")])
    func aSimpleThresholdNamesTheThresholdCrossed(value: String, level: String, threshold: String) throws {
        let engine = try EngineHarness()
        engine.add(Self.threshold("temp"))
        let publication = try #require(engine.metric("temperature@room-1", value).first)
        let evidence = engine.core.evidence(for: publication)
        #expect(evidence.inputs == [.init(topic: "temperature@room-1", value: Double(value)!, unit: "", time: engine.time)])
        #expect(evidence.thresholds.map(\.name) == ["high_warning", "high_critical", "low_warning"])
        #expect(evidence.thresholds.map(\.value) == ["30", "40", "5"])
        #expect(evidence.result == level)
        #expect(evidence.crossed == .init(name: level, value: threshold))
    }

    @Test func aResolutionHasNoThresholdCrossed() throws {
        let engine = try EngineHarness()
        engine.add(Self.threshold("temp"))
        _ = engine.metric("temperature@room-1", "41")
        let resolved = try #require(engine.metric("temperature@room-1", "20").first)
        let evidence = engine.core.evidence(for: resolved)
        #expect(evidence.result == "ok")
        #expect(evidence.crossed == nil)
        #expect(evidence.inputs.first?.value == 20)
    }

    @Test func aLuaRuleNamesItsOutcomeAndItsInputs() throws {
        let engine = try EngineHarness()
        engine.add(EngineMailboxTests.single("lua"))
        let publication = try #require(engine.metric("abc@sss1", "12").first)
        let evidence = engine.core.evidence(for: publication)
        #expect(evidence.inputs.map(\.topic) == ["abc@sss1"])
        #expect(evidence.inputs.first?.value == 12)
        #expect(evidence.result == "high_warning")
        #expect(evidence.crossed == nil)
    }

    @Test func aCrossingThatStartsPendingIsToldOnceWithItsEvidence() throws {
        let engine = try EngineHarness()
        let observer = Observer()
        engine.core.alertObserver = observer
        engine.add(Self.threshold("slow", extra: #", "for": {"critical": "60"}"#))
        #expect(engine.metric("temperature@room-1", "41").isEmpty)
        engine.time += 10
        #expect(engine.metric("temperature@room-1", "42").isEmpty)  // the same crossing, still pending
        #expect(observer.pending.count == 1)
        let pending = try #require(observer.pending.first)
        #expect(pending.rule == "slow")
        #expect(pending.candidate.severity == "CRITICAL")
        #expect(pending.evidence.crossed == .init(name: "high_critical", value: "40"))
        #expect(pending.evidence.inputs.first?.value == 41)
        engine.time += 60
        #expect(engine.metric("temperature@room-1", "43").map(\.severity) == ["CRITICAL"])  // confirmed
        #expect(observer.pending.count == 1)
    }

    @Test func withoutAnObserverNothingIsToldAndTheSameIsPublished() throws {
        let engine = try EngineHarness()
        engine.add(Self.threshold("slow", extra: #", "for": {"critical": "60"}"#))
        #expect(engine.core.alertObserver == nil)
        #expect(engine.metric("temperature@room-1", "41").isEmpty)
        engine.time += 60
        #expect(engine.metric("temperature@room-1", "41").map(\.severity) == ["CRITICAL"])
    }
}
