import MalamuteProtocol
import Testing
@testable import AlertEngine

@Suite struct TopicIndexTests {
    @Test func rulesComeOutInAddOrder() {
        var index = TopicIndex<String>()
        index.add("r2", targets: ["t@a"])
        index.add("r1", targets: ["t@a"])
        index.add("r3", targets: ["t@a", "u@a"])
        #expect(index.rules(forQuantity: "t", asset: "a") == ["r2", "r1", "r3"])
        #expect(index.rules(forTopic: "u@a") == ["r3"])
        #expect(index.rules(forTopic: "v@a") == [])
    }

    @Test func duplicateTargetEvaluatesTwice() {
        var index = TopicIndex<String>()
        index.add("single", targets: ["abc@sss1", "abc@sss1", "abc@sss2"])
        #expect(index.rules(forTopic: "abc@sss1") == ["single", "single"])
        #expect(index.rulesIndexed(under: "abc@sss1") == ["single"])
        index.remove("single")
        #expect(index.rules(forTopic: "abc@sss1") == [])
        #expect(index.ruleCount == 0)
    }

    @Test func ruleAddedAfterTheTopicWasSeenIsFound() {
        // engine.md Q3: no negative cache.
        var index = TopicIndex<String>()
        #expect(index.rules(forTopic: "t@a") == [])
        index.add("late", targets: ["t@a"])
        #expect(index.rules(forTopic: "t@a") == ["late"])
    }

    @Test func removeAndUpdate() {
        var index = TopicIndex<String>()
        index.add("a", targets: ["t@x"])
        index.add("b", targets: ["t@x"])
        index.add("c", targets: ["t@x"])
        index.remove("b")
        index.remove("unknown")
        #expect(index.rules(forTopic: "t@x") == ["a", "c"])
        // Update = remove + add: the rule moves to the end, under its new targets only.
        index.add("a", targets: ["t@x", "t@y"])
        #expect(index.rules(forTopic: "t@x") == ["c", "a"])
        index.add("a", targets: ["t@y"])
        #expect(index.rules(forTopic: "t@x") == ["c"])
        #expect(index.rules(forTopic: "t@y") == ["a"])
        #expect(index.contains("a") && !index.contains("b"))
    }

    @Test func topicsCompareByBytes() {
        var index = TopicIndex<String>()
        index.add("composed", targets: ["t@caf\u{E9}"])
        #expect(index.rules(forTopic: "t@cafe\u{301}") == [])
        #expect(index.rules(forTopic: "t@caf\u{E9}") == ["composed"])
    }

    @Test func emptyTargetsIndexNothing() {
        var index = TopicIndex<String>()
        index.add("device", targets: [])
        #expect(index.contains("device"))
        #expect(index.rules(forTopic: "@") == [])
    }

    // MARK: warranty and pattern rules (engine.md §5.2 step 5, §6.4, Q4)

    @Test func warrantyRuleIsFoundOnceForEveryWarrantyMetric() {
        var index = TopicIndex<String>()
        index.addPattern("warranty", target: "^end_warranty_date@.+")
        #expect(index.rules(forQuantity: "end_warranty_date", asset: "ups-9") == ["warranty"])
        #expect(index.rules(forTopic: "end_warranty_date@ups-9") == ["warranty"])
        // The original finds it through the literal key even for an empty asset.
        #expect(index.rules(forQuantity: "end_warranty_date", asset: "") == ["warranty"])
    }

    @Test func warrantyMetricLooksUpTheLiteralKeyInsteadOfItsTopic() {
        var index = TopicIndex<String>()
        index.add("literal", targets: ["^end_warranty_date@.+"])
        index.add("byTopic", targets: ["end_warranty_date@ups-9"])
        index.addPattern("warranty", target: "^end_warranty_date@.+")
        #expect(index.rules(forTopic: "end_warranty_date@ups-9") == ["literal", "warranty"])
        #expect(index.rules(forQuantity: "end_warranty_date", asset: "ups-9") == ["literal", "warranty"])
    }

    @Test func patternAndExactRulesMergeInAddOrder() {
        var index = TopicIndex<String>()
        index.add("e1", targets: ["end_warranty_date@ups-9", "^end_warranty_date@.+"])
        index.addPattern("p1", target: "^end_warranty_date@.+")
        index.add("e2", targets: ["^end_warranty_date@.+"])
        index.addPattern("p2", target: "^end_warranty_date@.+")
        #expect(index.rules(forTopic: "end_warranty_date@ups-1") == ["e1", "p1", "e2", "p2"])
        index.addPattern("p1", target: "^end_warranty_date@.+")
        #expect(index.rules(forTopic: "end_warranty_date@ups-1") == ["e1", "e2", "p2", "p1"])
        index.remove("p2")
        #expect(index.rules(forTopic: "end_warranty_date@ups-1") == ["e1", "e2", "p1"])
    }

    @Test func patternRuleMatchesOtherTopics() {
        var index = TopicIndex<String>()
        index.add("exact", targets: ["status.ups@ups-1"])
        index.addPattern("status", target: "^status\\.")
        #expect(index.rules(forTopic: "status.ups@ups-1") == ["exact", "status"])
        #expect(index.rules(forQuantity: "status.ups", asset: "ups-2") == ["status"])
    }

    @Test
    func patternRuleDoesNotMatchUnrelatedTopics() {
        var index = TopicIndex<String>()
        index.addPattern("warranty", target: "^end_warranty_date@.+")
        index.addPattern("status", target: "^status\\.")
        #expect(index.rules(forTopic: "realpower.default@rack-1") == [])
        #expect(index.rules(forTopic: "status.ups@ups-1") == ["status"])
        #expect(index.rules(forTopic: "xend_warranty_date@ups-1") == [])
    }

    @Test func metricUnavailableTouchesOnlyRulesIndexedUnderExactlyTheKey() {
        var index = TopicIndex<String>()
        index.add("a", targets: ["t@x", "t@x"])
        index.addPattern("warranty", target: "^end_warranty_date@.+")
        index.add("b", targets: ["t@x"])
        #expect(index.rulesIndexed(under: "t@x") == ["a", "b"])
        #expect(index.rulesIndexed(under: "end_warranty_date@ups-9") == [])
        #expect(index.rulesIndexed(under: "^end_warranty_date@.+") == ["warranty"])
    }

    @Test func lookupStaysCheapWithManyRules() {
        // Cost proportional to the rules using the topic: 20 000 unrelated rules do not matter.
        var index = TopicIndex<Int>()
        for id in 0..<20_000 { index.add(id, targets: ["q@asset-\(id)"]) }
        var found = 0
        let elapsed = ContinuousClock().measure {
            for id in 0..<20_000 where index.rules(forTopic: "q@asset-\(id)") == [id] { found += 1 }
        }
        #expect(found == 20_000)
        // A scan over every rule per lookup would be 4·10⁸ steps here: far beyond this bound.
        #expect(elapsed < .seconds(5))
    }
}
