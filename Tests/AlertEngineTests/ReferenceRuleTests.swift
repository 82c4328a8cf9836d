import Foundation
import TestSupport
import Testing

@testable import AlertEngine

/// What engine.md §3 says a reference rule parses to.
struct ExpectedRule: Sendable, CustomTestStringConvertible {
    var file: String
    var kind: RuleKind
    var name: String
    var targets: [String]
    var element: String
    var ruleClass: String
    var values: [(String, Double)]
    var outcomes: [(OutcomeLevel, Severity, String, [String])]

    var testDescription: String { file }
}

/// Every file of `reference/rules/` is accepted with the content the spec gives, or refused with
/// the reason the spec gives.
@Suite struct ReferenceRuleTests {
    static let accepted: [ExpectedRule] = [
        ExpectedRule(
            file: "check_update_threshold_simple.rule", kind: .simpleThreshold, name: "check_update_threshold_simple",
            targets: ["average.humidity@DC-Roztoky"], element: "DC-Roztoky", ruleClass: "",
            values: [("low_warning", 40), ("low_critical", 30), ("high_warning", 60), ("high_critical", 70)],
            outcomes: [
                (.lowWarning, .warning, "Humidity in datacenter DC-Roztoky is low", ["EMAIL", "SMS"]),
                (.lowCritical, .critical, "Humidity in datacenter DC-Roztoky is critically low", ["EMAIL", "SMS"]),
                (.highWarning, .warning, "Humidity in datacenter DC-Roztoky is high", ["EMAIL", "SMS"]),
                (.highCritical, .critical, "Humidity in datacenter DC-Roztoky is critically high", ["EMAIL", "SMS"]),
            ]),
        ExpectedRule(
            file: "check_update_threshold_simple2.rule", kind: .simpleThreshold, name: "check_update_threshold_simple",
            targets: ["average.humidity@DC-Roztoky"], element: "DC-Roztoky", ruleClass: "",
            values: [("low_warning", 40), ("low_critical", 30), ("high_warning", 60), ("high_critical", 90)],
            outcomes: [
                (.lowWarning, .warning, "Humidity in datacenter DC-Roztoky is low", ["EMAIL", "SMS"]),
                (.lowCritical, .critical, "Humidity in datacenter DC-Roztoky is critically low", ["EMAIL", "SMS"]),
                (.highWarning, .warning, "Humidity in datacenter DC-Roztoky is high", ["EMAIL", "SMS"]),
                (.highCritical, .critical, "Humidity in datacenter DC-Roztoky is critically high", ["EMAIL", "SMS"]),
            ]),
        ExpectedRule(
            file: "complexthreshold.rule", kind: .complexThreshold, name: "complexthreshold",
            targets: ["abc@fff1", "abc@fff2"], element: "fff", ruleClass: "example class",
            values: [("low_critical", 30), ("low_warning", 40), ("high_warning", 50), ("high_critical", 60)],
            outcomes: [
                (.lowCritical, .critical, "WOW low critical description", ["EMAIL", "SMS"]),
                (.lowWarning, .warning, "wow LOW warning description", ["EMAIL"]),
                (.highWarning, .warning, "wow high WARNING description", ["EMAIL"]),
                (.highCritical, .critical, "wow high critical DESCTIPRION", ["EMAIL"]),
            ]),
        ExpectedRule(
            file: "complexthreshold_lua_error.rule", kind: .complexThreshold, name: "complexthreshold_lua_error",
            targets: ["topic_005@device_005", "topic_006@device_005", "topic_007@device_005"], element: "device_005",
            ruleClass: "",
            values: [("low_critical", 0), ("low_warning", 1), ("high_warning", 2), ("high_critical", 3)],
            outcomes: [
                (.lowCritical, .critical, "aaaa ", ["EMAIL"]),
                (.lowWarning, .warning, "bbbb ", ["EMAIL "]),
                (.highWarning, .warning, "cccc", ["EMAIL"]),
                (.highCritical, .critical, "dddd ", ["EMAIL"]),
            ]),
        ExpectedRule(
            file: "devicethreshold.rule", kind: .deviceThreshold, name: "device_threshold_test",
            targets: ["device_metric@ggg"], element: "ggg", ruleClass: "",
            values: [("low_critical", 30), ("low_warning", 40), ("high_warning", 50), ("high_critical", 60)],
            outcomes: [
                (.lowCritical, .critical, "WOW low critical description", ["EMAIL", "SMS"]),
                (.lowWarning, .warning, "wow LOW warning description", ["EMAIL"]),
                (.highWarning, .warning, "wow high WARNING description", ["EMAIL"]),
                (.highCritical, .critical, "wow high critical DESCTIPRION", ["EMAIL"]),
            ]),
        ExpectedRule(
            file: "devicethreshold2.rule", kind: .deviceThreshold, name: "device_threshold_test",
            targets: ["device_metric@ggg"], element: "ggg", ruleClass: "",
            values: [("low_critical", 20), ("low_warning", 42), ("high_warning", 53), ("high_critical", 60)],
            outcomes: [
                (.lowCritical, .critical, "WOW low critical description", ["EMAIL", "SMS"]),
                (.lowWarning, .warning, "wow LOW warning description", ["EMAIL", "SMS"]),
                (.highWarning, .warning, "wow high WARNING description", ["EMAIL"]),
                (.highCritical, .critical, "wow high critical DESCTIPRION", ["EMAIL"]),
            ]),
        ExpectedRule(
            file: "onbattery-5PX1500-01.rule", kind: .single, name: "onbattery-5PX1500-01",
            targets: ["status.ups@5PX1500-01"], element: "5PX1500-01", ruleClass: "",
            values: [],
            outcomes: [
                (.highCritical, .critical, "UPS is running on battery!", ["EMAIL"])
            ]),
        ExpectedRule(
            file: "pattern.rule", kind: .pattern, name: "warranty2",
            targets: ["^end_warranty_date@.+"], element: "", ruleClass: "",
            values: [("low_warning", 60), ("low_critical", 10)],
            outcomes: [
                (.lowCritical, .critical, "Warranty for device will expire in less than 10 days", ["EMAIL"]),
                (.lowWarning, .warning, "Warranty for device will expire in less than 60 days", ["EMAIL"]),
            ]),
        ExpectedRule(
            file: "rule_to_metrictouch1.rule", kind: .simpleThreshold, name: "rule_to_metrictouch1",
            targets: ["metrictouch1@element1"], element: "element3", ruleClass: "example class",
            values: [("low_critical", 30), ("low_warning", 40), ("high_warning", 50), ("high_critical", 60)],
            outcomes: [
                (.lowCritical, .critical, "WOW low critical description", ["EMAIL", "SMS"]),
                (.lowWarning, .warning, "wow LOW warning description", ["EMAIL"]),
                (.highWarning, .warning, "wow high WARNING description", ["EMAIL"]),
                (.highCritical, .critical, "wow high critical DESCTIPRION", ["EMAIL"]),
            ]),
        ExpectedRule(
            file: "rule_to_metrictouch2.rule", kind: .single, name: "rule_to_metrictouch2",
            targets: ["metrictouch1@element1", "metrictouch2@element2"], element: "element3", ruleClass: "",
            values: [("a1", 1), ("a2", -1)],
            outcomes: [
                (.highCritical, .critical, "RES r1", ["EMAIL", "SMS"]),
                (.highWarning, .warning, "RES r2", ["EMAIL"]),
            ]),
        ExpectedRule(
            file: "rule_to_touch.rule", kind: .simpleThreshold, name: "rule_to_touch",
            targets: ["metrictouch@assettouch"], element: "assettouch", ruleClass: "example class",
            values: [("low_critical", 30), ("low_warning", 40), ("high_warning", 50), ("high_critical", 60)],
            outcomes: [
                (.lowCritical, .critical, "WOW low critical description", ["EMAIL", "SMS"]),
                (.lowWarning, .warning, "wow LOW warning description", ["EMAIL"]),
                (.highWarning, .warning, "wow high WARNING description", ["EMAIL"]),
                (.highCritical, .critical, "wow high critical DESCTIPRION", ["EMAIL"]),
            ]),
        ExpectedRule(
            file: "rule_with_trash.rule", kind: .complexThreshold, name: "rule_with_trash",
            targets: ["abc@fff1"], element: "fff", ruleClass: "",
            values: [("low_critical", 30)],
            outcomes: [
                (.lowCritical, .critical, "WOW low critical description", ["EMAIL", "SMS"])
            ]),
        ExpectedRule(
            file: "simplethreshold.rule", kind: .simpleThreshold, name: "simplethreshold",
            targets: ["abc@fff"], element: "fff", ruleClass: "example class",
            values: [("low_critical", 30), ("low_warning", 40), ("high_warning", 50), ("high_critical", 60)],
            outcomes: [
                (.lowCritical, .critical, "WOW low critical description", ["EMAIL", "SMS"]),
                (.lowWarning, .warning, "wow LOW warning description", ["EMAIL"]),
                (.highWarning, .warning, "wow high WARNING description", ["EMAIL"]),
                (.highCritical, .critical, "wow high critical DESCTIPRION", ["EMAIL"]),
            ]),
        ExpectedRule(
            file: "simplethreshold2.rule", kind: .simpleThreshold, name: "simplethreshold2",
            targets: ["lkiuryt@fff"], element: "noelement", ruleClass: "",
            values: [("low_critical", 30), ("low_warning", 40), ("high_warning", 50), ("high_critical", 60)],
            outcomes: [
                (.lowCritical, .critical, "WOW low critical description", ["EMAIL", "SMS"]),
                (.lowWarning, .warning, "wow LOW warning description", ["EMAIL"]),
                (.highWarning, .warning, "wow high WARNING description", ["EMAIL"]),
                (.highCritical, .critical, "wow high critical DESCTIPRION", ["EMAIL"]),
            ]),
        ExpectedRule(
            file: "simplethreshold3.rule", kind: .simpleThreshold, name: "realpower.default@Žluťoučký Kůň",
            targets: ["realpower.default@Žluťoučký Kůň"], element: "Žluťoučký Kůň", ruleClass: "Total power in rack",
            values: [("low_critical", 30), ("low_warning", 40), ("high_warning", 50), ("high_critical", 60)],
            outcomes: [
                (.lowCritical, .critical, "WOW low critical description", ["EMAIL", "SMS"]),
                (.lowWarning, .warning, "wow LOW warning description", ["EMAIL"]),
                (.highWarning, .warning, "wow high WARNING description", ["EMAIL"]),
                (.highCritical, .critical, "wow high critical DESCTIPRION", ["EMAIL"]),
            ]),
        ExpectedRule(
            file: "single.rule", kind: .single, name: "single",
            targets: ["abc@sss1", "abc@sss2"], element: "aaa", ruleClass: "",
            values: [("a1", 2), ("a2", -3)],
            outcomes: [
                (.highCritical, .critical, "RES r1", ["EMAIL", "SMS"]),
                (.highWarning, .warning, "RES r2", ["EMAIL", "GPO_INTERACTION:gpo-42:open"]),
            ]),
        ExpectedRule(
            file: "too_high-ROZ.ePDU13.rule", kind: .single, name: "too_high-ROZ.ePDU13",
            targets: ["status.ups@ROZ.UPS33"], element: "ePDU13", ruleClass: "",
            values: [],
            outcomes: [
                (.highCritical, .critical, "RES HIGH CRITICAL ePDU13", ["EMAIL"]),
                (.highWarning, .warning, "RES r2", ["EMAIL"]),
            ]),
        ExpectedRule(
            file: "ups.rule", kind: .single, name: "ups",
            targets: ["status.ups@UPS1-LAB"], element: "UPS1-LAB", ruleClass: "",
            values: [],
            outcomes: [
                (.highCritical, .critical, "low", ["EMAIL", "SMS"]),
                (.highWarning, .warning, "onbat", ["EMAIL"]),
            ]),
        ExpectedRule(
            file: "warranty.rule", kind: .pattern, name: "warranty",
            targets: ["^end_warranty_date@.+"], element: "", ruleClass: "",
            values: [("low_warning", 60), ("low_critical", 10), ("high_critical", 0)],
            outcomes: [
                (.highCritical, .critical, "{\"key\":\"TRANSLATE_LUA (Warranty expired)\"}", ["EMAIL"]),
                (.lowCritical, .critical, "{\"key\":\"TRANSLATE_LUA (Warranty expires in)\"}", ["EMAIL"]),
                (.lowWarning, .warning, "{\"key\":\"TRANSLATE_LUA (Warranty expires in)\"}", ["EMAIL"]),
            ]),
    ]

    /// Files refused by this layer, with the reason.
    static let refused: [(String, BadJSONReason)] = [
        // engine.md §3.5: `ok` is not an outcome name (§4: refused before any Lua).
        ("complexthreshold_ok_notok.rule", .unknownOutcome(path: "threshold.results[2]", name: "ok")),
        // engine.md §3.4: values must parse completely as doubles.
        ("simplethreshold_string_value1.rule", .invalidNumber(path: "threshold.values[1].low_warning", text: "A40")),
        ("simplethreshold_string_value2.rule", .invalidNumber(path: "threshold.values[2].high_warning", text: "50AA")),
    ]

    @Test func everyReferenceFileIsCovered() throws {
        let files = try ReferenceFiles.ruleFiles(in: ReferenceFiles.rules)
        let covered = Set(Self.accepted.map(\.file) + Self.refused.map(\.0))
        #expect(Set(files) == covered)
    }

    @Test(arguments: accepted)
    func parsesToWhatTheSpecSays(_ expected: ExpectedRule) throws {
        let rule = try RuleParser.parse(ReferenceFiles.rule(expected.file))
        #expect(rule.kind == expected.kind)
        #expect(rule.name == expected.name)
        #expect(rule.targets == expected.targets)
        #expect(rule.element == expected.element)
        #expect(rule.ruleClass == expected.ruleClass)
        #expect(rule.values.map(\.name) == expected.values.map(\.0))
        #expect(rule.values.map(\.value) == expected.values.map(\.1))
        #expect(rule.outcomes.map(\.level) == expected.outcomes.map(\.0))
        #expect(rule.outcomes.map(\.severity) == expected.outcomes.map(\.1))
        #expect(rule.outcomes.map(\.description) == expected.outcomes.map(\.2))
        #expect(rule.outcomes.map(\.actions) == expected.outcomes.map(\.3))
        #expect((rule.evaluation != nil) == expected.kind.usesLua)
    }

    @Test(arguments: refused)
    func isRefusedWithTheSpecReason(_ file: String, _ reason: BadJSONReason) throws {
        let text = try ReferenceFiles.rule(file)
        #expect(throws: RuleError.badJSON(reason)) { try RuleParser.parse(text) }
        #expect(RuleError.badJSON(reason).wireReason == "BAD_JSON")
    }

    /// The stored form holds exactly the first top-level member as the file has it: compared
    /// through Foundation's JSON parser, an independent reading of the same text.
    @Test(arguments: accepted.map(\.file))
    func storedFormEqualsTheDocument(_ file: String) throws {
        let text = try ReferenceFiles.rule(file)
        let rule = try RuleParser.parse(text)
        // rule_with_trash.rule: Foundation refuses trailing garbage, so cut it where we stopped.
        let end = try JSONParser.parsePrefix(text).end
        let original = try JSONSerialization.jsonObject(with: Data(Array(text.utf8)[..<end])) as? NSDictionary
        let stored = try JSONSerialization.jsonObject(with: Data(rule.storedJSON.utf8)) as? NSDictionary
        #expect(original != nil && stored != nil)
        #expect(stored == original)
        let body = (original?.allValues.first as? NSDictionary)
        if rule.kind.usesLua {
            #expect(rule.evaluation == body?["evaluation"] as? String)
        }
    }

    @Test func trailingGarbageIsIgnored() throws {
        let text = try ReferenceFiles.rule("rule_with_trash.rule")
        #expect(text.contains(",skdjhfksdjhfkjshdfkjshdkfjhskdjfh"))
        let rule = try RuleParser.parse(text)
        #expect(!rule.storedJSON.contains("skdjhf"))
    }

    /// Lua seam: this layer accepts the file; the Lua compile step (not here) refuses it as
    /// BAD_LUA because `main(topic_005@device_005, …)` is a syntax error (engine.md §4).
    @Test func luaErrorFileParsesAndCarriesItsSource() throws {
        let rule = try RuleParser.parse(ReferenceFiles.rule("complexthreshold_lua_error.rule"))
        #expect(rule.kind.usesLua)
        #expect(
            rule.evaluation
                == "function main(topic_005@device_005, topic_006_device_005, topic_007_device_005) return OK")
    }

    /// engine.md §3.2: a simple or device threshold ignores `evaluation`; device needs a
    /// non-manual rule_source which is kept as written.
    @Test func deviceThresholdKeepsItsSource() throws {
        let rule = try RuleParser.parse(ReferenceFiles.rule("devicethreshold.rule"))
        #expect(rule.ruleSource == "NUT")
        #expect(rule.indexKeys.isEmpty)
        let simple = try RuleParser.parse(ReferenceFiles.rule("simplethreshold.rule"))
        #expect(simple.ruleSource == nil)
        #expect(!simple.storedJSON.contains("Manual user input"))
        #expect(simple.indexKeys == ["abc@fff"])
    }

    /// engine.md §3.5: the `severity` member of an outcome is ignored.
    @Test func outcomeSeverityMemberIsIgnored() throws {
        let rule = try RuleParser.parse(ReferenceFiles.rule("check_update_threshold_simple.rule"))
        #expect(rule.outcome(.lowWarning)?.severity == .warning)
        #expect(rule.outcome(.lowCritical)?.severity == .critical)
        #expect(rule.storedJSON.contains("\"severity\": \"low\""))
    }

    /// engine.md §6.5: the warranty rule is recognised by its exact name only.
    @Test func warrantyRuleIsRecognisedByName() throws {
        let warranty = try RuleParser.parse(ReferenceFiles.rule("warranty.rule"))
        #expect(warranty.isWarranty)
        #expect(warranty.targets == [WarrantyRule.target])
        #expect(warranty.alertOutcome(named: "high_critical")?.severity == "CRITICAL")
        #expect(warranty.storedJSON.contains("_note"))
        let pattern = try RuleParser.parse(ReferenceFiles.rule("pattern.rule"))
        #expect(!pattern.isWarranty)
    }
}
