import Testing

@testable import AlertEngine

/// The one mapping from errors to wire reasons (engine.md §9, §15), LIST types and the other
/// small rule facts.
@Suite struct RuleErrorTests {
    @Test(arguments: [
        (RuleError.badJSON(.emptyObject), "BAD_JSON"),
        (.badLua(rule: "r", message: "syntax error"), "BAD_LUA"),
        (.invalidType("nonsense"), "INVALID_TYPE"),
        (.notFound(name: "r"), "NOT_FOUND"),
        (.alreadyExists(name: "r"), "ALREADY_EXISTS"),
        (.noMatch("e"), "NO_MATCH"),
        (.ruleRemovalFailed(name: "r", message: "EPERM"), "FAILURE_RULE_REMOVAL"),
        (.storageFailed(name: "r", message: "ENOSPC"), "Internal error - operating with storage/disk failed."),
        (.notDirectlyInstantiable(name: "humidity.default@sensor-1"), "Rule can't be directly instantiated."),
        (.xphaseNotApplicable(name: "phase_imbalance@ups-1"), "Xphase rule can't be instantiated."),
    ])
    func mapsToWireReasons(_ error: RuleError, _ reason: String) {
        #expect(error.wireReason == reason)
        #expect(!error.description.isEmpty)
    }

    @Test func listTypes() throws {
        #expect(try RuleListFilter(wireType: "all") == .all)
        #expect(throws: RuleError.invalidType("ALL")) { try RuleListFilter(wireType: "ALL") }
        #expect(throws: RuleError.invalidType("flexible")) { try RuleListFilter(wireType: "flexible") }
        let threshold = RuleKind.allCases.filter { RuleListFilter.threshold.includes($0) }
        #expect(threshold == [.simpleThreshold, .deviceThreshold, .complexThreshold])
        #expect(RuleKind.allCases.filter { RuleListFilter.single.includes($0) } == [.single])
        #expect(RuleKind.allCases.filter { RuleListFilter.pattern.includes($0) } == [.pattern])
        #expect(RuleKind.allCases.allSatisfy { RuleListFilter.all.includes($0) })
    }

    @Test func luaCodesMapToLevels() {
        #expect(OutcomeLevel(luaCode: -2) == .highCritical)
        #expect(OutcomeLevel(luaCode: -1) == .highWarning)
        #expect(OutcomeLevel(luaCode: 0) == nil)
        #expect(OutcomeLevel(luaCode: 1) == .lowWarning)
        #expect(OutcomeLevel(luaCode: 2) == .lowCritical)
        #expect(OutcomeLevel(luaCode: 3) == nil)
    }

    /// engine.md §6.5: only the two exact descriptions are rewritten; D truncates toward zero.
    @Test func warrantyDescriptions() {
        let expired = WarrantyRule.rewrittenDescription(
            #"{"key":"TRANSLATE_LUA (Warranty expired)"}"#, metricValue: -12.9, asset: "ups-9")
        #expect(
            expired
                == #"{"key" : "TRANSLATE_LUA (Warranty on {{asset}} expired {{days}} days ago.)", "variables" : { "asset" : { "value" : "", "assetLink" : "ups-9" }, "days" : "12"} }"#
        )
        let expires = WarrantyRule.rewrittenDescription(
            #"{"key":"TRANSLATE_LUA (Warranty expires in)"}"#, metricValue: 9.99, asset: "ups-9")
        #expect(
            expires
                == #"{"key" : "TRANSLATE_LUA (Warranty on {{asset}} expires in less than {{days}} days.)", "variables" : { "asset" : { "value" : "", "assetLink" : "ups-9" }, "days" : "9"} }"#
        )
        #expect(WarrantyRule.rewrittenDescription("everything is ok", metricValue: 100, asset: "a") == nil)
        #expect(
            WarrantyRule.rewrittenDescription(#"{"key":"TRANSLATE_LUA (Warranty expired)"}"#, metricValue: .nan, asset: "a")?
                .contains(#""days" : "0""#) == true)
        #expect(
            WarrantyRule.rewrittenDescription(
                #"{"key":"TRANSLATE_LUA (Warranty expired)"}"#, metricValue: -.infinity, asset: "a") != nil)
    }
}
