import AlertEngine
import Autoconfig
import Testing

@testable import fty_alert_engine

/// `check`'s verdicts on documents, without files or processes.
@Suite struct RuleFileCheckTests {
    static let simple = """
        {"threshold": {"rule_name": "load@ups-1", "target": "load@ups-1", "element": "ups-1",
         "values": [{"high_critical": "90"}], "results": [{"high_critical": {"action": [], "description": "d"}}]}}
        """

    private func check(_ text: String, path: String = "/rules/x.rule") -> CheckedFile {
        RuleFileCheck.check(path: path, contents: Array(text.utf8))
    }

    @Test func aValidRuleHasNoProblemAndItsName() {
        let result = check(Self.simple)
        #expect(result.problems.isEmpty)
        #expect(result.ruleName == "load@ups-1" && !result.isTemplate && result.destination == "fty-alert-engine")
    }

    @Test func reasonsAreTheEnginesWireReasons() {
        #expect(check("{").problems.map(\.reason) == ["BAD_JSON"])
        #expect(check(#"{"flexible": {"name": "x"}}"#).problems.map(\.reason) == ["BAD_JSON"])
        let badLua = """
            {"single": {"rule_name": "s", "target": ["a@x"], "element": "x",
             "results": [{"high_warning": {"action": [], "description": "d"}}], "evaluation": "function main( oops"}}
            """
        let result = check(badLua)
        #expect(result.problems.map(\.reason) == ["BAD_LUA"])
        #expect(result.problems.first?.detail.isEmpty == false)
    }

    @Test func theDetailIsTheEnginesExplanationWithoutTheReasonWord() {
        let problem = check(Self.simple.replacingOccurrences(of: #""90""#, with: #""9x0""#)).problems.first
        #expect(problem?.reason == "BAD_JSON")
        #expect(problem?.detail == "threshold.values[0].high_critical: '9x0' is not a number")
    }

    @Test func sensorRulesAreRefusedAsFilesButNotAsTemplates() {
        let sensor = Self.simple.replacingOccurrences(of: #""rule_name": "load@ups-1""#, with: #""rule_name": "humidity.default@sensor-1""#)
        #expect(check(sensor).problems.map(\.reason) == ["Rule can't be directly instantiated."])
        let template = Self.simple.replacingOccurrences(of: "ups-1", with: "__name__")
            .replacingOccurrences(of: "load@", with: "humidity.default@")
        let result = check(template, path: "/t/humidity.default@__device_sensor__.rule")
        #expect(result.isTemplate && result.problems.isEmpty)
        #expect(result.ruleName == "humidity.default@\(TemplateValues.sample.name)")
    }

    @Test(arguments: [
        ("a@__device_ups__.rule", true), ("a@__rack__.rule", true), ("a@__rack__.rule.disabled", false),
        ("a__rack__.rule", false), ("a@rack.rule", false),
    ])
    func templatesAreRecognisedByName(name: String, isTemplate: Bool) {
        #expect(RuleFileCheck.isTemplate(fileName: name) == isTemplate)
    }

    @Test func leftoverPlaceholdersAreFoundOnce() {
        #expect(RuleFileCheck.leftoverPlaceholders("a __x__ b __y_z__ __x__ __index c___ __1__") == ["__x__", "__y_z__"])
        #expect(RuleFileCheck.leftoverPlaceholders("high_warning setmetatable(t, {__index = f})").isEmpty)
    }
}
