import Testing

@testable import AlertEngine

/// The one mapping from errors to wire reasons (engine.md §9, §15).
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
}
