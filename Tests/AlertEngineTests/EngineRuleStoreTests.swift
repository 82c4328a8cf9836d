import Testing

@testable import AlertEngine

/// The rule store: exact-byte names, insertion order, index kept in step (engine.md §3.6, §5.3).
@Suite struct EngineRuleStoreTests {
    static func loaded(_ json: String) throws -> LoadedRule {
        let compiled = try LoadedRule.compile(Array(json.utf8), limits: .default)
        return LoadedRule(
            rule: compiled.rule, program: compiled.program, fileName: try RuleFileName(rule: compiled.rule.name))
    }

    @Test func namesAreExactBytes() throws {
        var store = RuleStore()
        let id = store.insert(try Self.loaded(EngineMailboxTests.simple("caf\u{E9}")))
        #expect(store.id(named: "caf\u{E9}") == id)
        #expect(store.id(named: "cafe\u{301}") == nil)  // canonically equal, other bytes
        #expect(store.id(named: "CAF\u{C9}") == nil)
    }

    @Test func insertionOrderSurvivesRemoval() throws {
        var store = RuleStore()
        let a = store.insert(try Self.loaded(EngineMailboxTests.simple("a")))
        let b = store.insert(try Self.loaded(EngineMailboxTests.simple("b")))
        let c = store.insert(try Self.loaded(EngineMailboxTests.simple("c")))
        #expect(store.ids == [a, b, c])
        #expect(store.index.rules(forTopic: "abc@fff") == [a, b, c])
        #expect(store.remove(b)?.rule.name == "b")
        #expect(store.ids == [a, c])
        #expect(store.index.rules(forTopic: "abc@fff") == [a, c])
        let d = store.insert(try Self.loaded(EngineMailboxTests.simple("b")))
        #expect(d != b)  // slot ids are never reused
        #expect(store.ids == [a, c, d])
        #expect(store.id(named: "b") == d)
    }

    @Test func deviceThresholdsAreStoredButNotIndexed() throws {
        var store = RuleStore()
        let id = store.insert(try Self.loaded(try ReferenceFiles.rule("devicethreshold.rule")))
        #expect(store.count == 1)
        #expect(store.index.rules(forTopic: "device_metric@ggg").isEmpty)
        #expect(!store.index.contains(id))
    }

    @Test func patternRulesAreIndexedByTheirExpression() throws {
        var store = RuleStore()
        let id = store.insert(try Self.loaded(try ReferenceFiles.rule("warranty.rule")))
        #expect(store.index.rules(forQuantity: "end_warranty_date", asset: "ups-1") == [id])
        #expect(store.index.rulesIndexed(under: WarrantyRule.target) == [id])
    }

    @Test func luaProgramExactlyForLuaKinds() throws {
        #expect(try Self.loaded(EngineMailboxTests.simple("s")).program == nil)
        #expect(try Self.loaded(EngineMailboxTests.single("s")).program != nil)
    }
}
