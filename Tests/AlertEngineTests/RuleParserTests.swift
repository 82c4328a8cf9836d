import Foundation
import Testing

@testable import AlertEngine

/// Kind detection, fields, values and results on hand-made documents (engine.md §3).
@Suite struct RuleParserTests {
    /// A valid simple threshold body with `extra` spliced in before its last member.
    static func threshold(_ extra: String = "", target: String = #""abc@fff""#) -> String {
        """
        {"threshold": {"rule_name": "r", "target": \(target), "element": "fff",
         "values": [{"low_critical": "30"}],
         \(extra)
         "results": [{"low_critical": {"action": ["EMAIL"], "description": "d"}}]}}
        """
    }

    static func reason(_ text: String) -> BadJSONReason? {
        do {
            _ = try RuleParser.parse(text)
            return nil
        } catch {
            guard case .badJSON(let reason) = error else { return nil }
            return reason
        }
    }

    // MARK: document shape (§3.1)

    @Test(arguments: [
        ("[]", BadJSONReason.notAnObject),
        (#"[{"threshold": {}}]"#, .notAnObject),
        ("\"x\"", .notAnObject),
        ("{}", .emptyObject),
        (#"{"flexible": {}}"#, .unknownKind("flexible")),
        (#"{"THRESHOLD": {}}"#, .unknownKind("THRESHOLD")),
        (#"{"threshold": []}"#, .wrongType(path: "threshold", expected: "an object")),
        (#"{"pattern": "x"}"#, .wrongType(path: "pattern", expected: "an object")),
        (#"{"threshold": {"rule_name": "r"}}"#, .missingField(path: "threshold.target")),
        (#"{"threshold": {"target": null}}"#, .wrongType(path: "threshold.target", expected: "a string or an array")),
        (#"{"threshold": {"target": {}}}"#, .wrongType(path: "threshold.target", expected: "a string or an array")),
        (
            #"{"threshold": {"target": "t", "rule_source": []}}"#,
            .wrongType(path: "threshold.rule_source", expected: "a string")
        ),
        (#"{"single": {"target": "t"}}"#, .wrongType(path: "single.target", expected: "an array")),
        (#"{"single": {}}"#, .missingField(path: "single.target")),
    ])
    func refusesBadShapes(_ text: String, _ expected: BadJSONReason) {
        #expect(Self.reason(text) == expected)
    }

    @Test func syntaxErrorsAreBadJSON() {
        guard case .syntax(let error) = Self.reason("nonsense") else {
            Issue.record("not a syntax error")
            return
        }
        #expect(error.kind == .unexpectedByte(UInt8(ascii: "o")))  // "n" began `null`
        #expect(error.offset == 1)
        #expect(RuleError.badJSON(.syntax(error)).wireReason == "BAD_JSON")
    }

    @Test func onlyTheFirstTopLevelMemberIsKeptOrValidated() throws {
        let text =
            #"{"threshold": {"rule_name": "r", "target": "t", "element": "e", "values": [], "results": []}, "junk": nonsense"#
        #expect(Self.reason(text) != nil)  // syntax error inside the document still counts
        let valid =
            #"{"threshold": {"rule_name": "r", "target": "t", "element": "e", "values": [], "results": []}, "x": {"y": 1}}"#
        let rule = try RuleParser.parse(valid)
        #expect(try JSONParser.parse(rule.storedBytes).members?.map(\.name) == ["threshold"])
        #expect(!rule.storedJSON.contains("\"x\""))
    }

    // MARK: kind detection (§3.2)

    @Test(arguments: [
        (#""t""#, "", RuleKind.simpleThreshold),
        (#"42"#, "", .simpleThreshold),
        (#""t""#, #""rule_source": "Manual user input","#, .simpleThreshold),
        (#""t""#, #""rule_source": "NUT","#, .deviceThreshold),
        (#""t""#, #""rule_source": 7,"#, .deviceThreshold),
        (#"["a@b", "c@d"]"#, #""rule_source": "NUT", "evaluation": "x","#, .complexThreshold),
        (#"[]"#, #""evaluation": "x","#, .complexThreshold),
    ])
    func detectsThresholdKinds(_ target: String, _ extra: String, _ kind: RuleKind) throws {
        let rule = try RuleParser.parse(Self.threshold(extra, target: target))
        #expect(rule.kind == kind)
    }

    @Test func simpleThresholdIgnoresInvalidEvaluation() throws {
        let rule = try RuleParser.parse(Self.threshold(#""evaluation": "function main( syntax error","#))
        #expect(rule.kind == .simpleThreshold)
        #expect(rule.evaluation == nil)
        #expect(rule.storedJSON.contains("syntax error"))  // preserved in storage
    }

    @Test func deviceThresholdRequiresNothingMoreThanSimple() throws {
        let rule = try RuleParser.parse(Self.threshold(#""rule_source": "NUT","#))
        #expect(rule.kind == .deviceThreshold)
        #expect(rule.ruleSource == "NUT")
    }

    // MARK: fields (§3.3)

    @Test(arguments: [
        ("rule_name", "threshold.rule_name"), ("element", "threshold.element"),
        ("values", "threshold.values"), ("results", "threshold.results"),
    ])
    func requiredThresholdFields(_ field: String, _ path: String) throws {
        let document = try JSONParser.parse(Self.threshold())
        let body = document[member: "threshold"]!.members!.filter { $0.name != field }
        let text = JSONWriter.prettyPrinted(.object([JSONMember("threshold", .object(body))]))
        #expect(Self.reason(text) == .missingField(path: path))
    }

    @Test func luaKindsRequireEvaluationAndSingleMayOmitValues() throws {
        let single =
            #"{"single": {"rule_name": "s", "target": ["a@b"], "element": "b", "results": [], "evaluation": "function main(x) return OK end"}}"#
        let rule = try RuleParser.parse(single)
        #expect(rule.kind == .single)
        #expect(rule.values.isEmpty)
        #expect(rule.evaluation == "function main(x) return OK end")
        let noEvaluation = #"{"single": {"rule_name": "s", "target": ["a@b"], "element": "b", "results": []}}"#
        #expect(Self.reason(noEvaluation) == .missingField(path: "single.evaluation"))
        let pattern = #"{"pattern": {"rule_name": "p", "target": "^x@.+", "values": [], "results": []}}"#
        #expect(Self.reason(pattern) == .missingField(path: "pattern.evaluation"))
        let patternNoValues = #"{"pattern": {"rule_name": "p", "target": "^x@.+", "results": [], "evaluation": ""}}"#
        #expect(Self.reason(patternNoValues) == .missingField(path: "pattern.values"))
        let singleBadSource =
            #"{"single": {"rule_name": "s", "target": [], "element": "b", "rule_source": {}, "results": [], "evaluation": ""}}"#
        #expect(Self.reason(singleBadSource) == .wrongType(path: "single.rule_source", expected: "a string"))
    }

    @Test func fieldsAreReadAsStrings() throws {
        let text =
            #"{"single": {"rule_name": 12, "target": ["a@b", 5, null], "element": true, "rule_class": {}, "results": [], "evaluation": "e"}}"#
        let rule = try RuleParser.parse(text)
        #expect(rule.name == "12")
        #expect(rule.targets == ["a@b", "5", ""])
        #expect(rule.element == "true")
        #expect(rule.ruleClass == "")
    }

    /// engine.md Q26: an empty rule name is refused (the original accepted it).
    @Test func emptyRuleNameIsRefused() {
        let text = Self.threshold().replacingOccurrences(of: #""rule_name": "r""#, with: #""rule_name": """#)
        #expect(Self.reason(text) == .emptyRuleName)
        let null = Self.threshold().replacingOccurrences(of: #""rule_name": "r""#, with: #""rule_name": null"#)
        #expect(Self.reason(null) == .emptyRuleName)
    }

    @Test func unicodeIsKeptInEveryKind() throws {
        let text = """
            {"pattern": {"rule_name": "Kůň", "rule_class": "Žluť", "target": "^ž@.+", "values": [],
             "results": [{"low_warning": {"action": ["ŽÁDOST"], "description": "Kůň úpěl"}}],
             "evaluation": "-- ódy"}}
            """
        let rule = try RuleParser.parse(text)
        #expect(rule.name == "Kůň")
        #expect(rule.ruleClass == "Žluť")
        #expect(rule.targets == ["^ž@.+"])
        #expect(rule.outcomes.first?.actions == ["ŽÁDOST"])
        #expect(rule.outcomes.first?.description == "Kůň úpěl")
        #expect(rule.evaluation == "-- ódy")
        #expect(rule.element == "")
    }

    // MARK: values (§3.4)

    @Test(arguments: [
        (#""30""#, 30.0), ("30", 30), (#"" 42""#, 42), (#""-1.5e2""#, -150), (#""0x1p4""#, 16),
        (#""0X10""#, 16), (#""inf""#, .infinity), (#""-Infinity""#, -.infinity), (#""1e308""#, 1e308),
    ])
    func valuesParseLikeStrtod(_ literal: String, _ expected: Double) throws {
        let rule = try RuleParser.parse(Self.threshold().replacingOccurrences(of: #""30""#, with: literal))
        #expect(rule.value(named: "low_critical") == expected)
    }

    @Test func nanIsAValue() throws {
        let rule = try RuleParser.parse(Self.threshold().replacingOccurrences(of: #""30""#, with: #""nan""#))
        #expect(rule.value(named: "low_critical")?.isNaN == true)
        #expect(rule == rule)
    }

    @Test(arguments: [
        #""A40""#, #""50AA""#, #""""#, #"" ""#, #""40 ""#, #""1e400""#, #""-1e400""#, #""1e-400""#, "true", "null",
        "{}", "[]", #""4\u00000""#,
    ])
    func badValuesAreRefused(_ literal: String) {
        let text = Self.threshold().replacingOccurrences(of: #""30""#, with: literal)
        guard case .invalidNumber(let path, _) = Self.reason(text) else {
            Issue.record("\(literal) accepted or refused for another reason")
            return
        }
        #expect(path == "threshold.values[0].low_critical")
    }

    @Test(arguments: [#"[{}]"#, #"["30"]"#, #"[30]"#, #"[[1]]"#, #"[null]"#])
    func valueEntriesMustBeObjectsWithAMember(_ values: String) {
        let text = Self.threshold().replacingOccurrences(of: #"[{"low_critical": "30"}]"#, with: values)
        #expect(Self.reason(text) == .wrongType(path: "threshold.values[0]", expected: "an object with one member"))
    }

    @Test func valuesKeepOrderFirstMemberAndFirstDuplicate() throws {
        let values = #"[{"b": "2", "ignored": "x"}, {"a": 1}, {"b": "3"}]"#
        let rule = try RuleParser.parse(
            Self.threshold().replacingOccurrences(of: #"[{"low_critical": "30"}]"#, with: values))
        #expect(rule.values == [RuleValue(name: "b", value: 2), RuleValue(name: "a", value: 1)])
        #expect(
            Self.reason(Self.threshold().replacingOccurrences(of: #"[{"low_critical": "30"}]"#, with: "{}"))
                == .wrongType(path: "threshold.values", expected: "an array"))
    }

    /// engine.md §3.6: names compare as bytes; Swift `==` would merge canonically equivalent text.
    @Test func valueNamesCompareAsBytes() throws {
        let values = #"[{"\u00c1": "1"}, {"A\u0301": "2"}, {"\u00c1": "3"}]"#
        let text = Self.threshold().replacingOccurrences(of: #"[{"low_critical": "30"}]"#, with: values)
        let rule = try RuleParser.parse(text)
        #expect(rule.namedValues.map(\.value) == [1, 2])
        #expect(rule.value(named: "A\u{301}") == 2)
        #expect(JSONValue.object([JSONMember("\u{212A}", .null)])[member: "K"] == nil)  // KELVIN SIGN
    }

    // MARK: results and actions (§3.5)

    static func withResults(_ results: String) -> String {
        Self.threshold().replacingOccurrences(
            of: #"[{"low_critical": {"action": ["EMAIL"], "description": "d"}}]"#, with: results)
    }

    @Test func actionsConvertPerSpec() throws {
        let results = """
            [{"high_warning": {"description": "d", "action": [
              "EMAIL ", 7, true,
              {"action": "SMS"}, {"action": "AUTOMATION"}, {"action": "FANCY"},
              {"action": "GPO_INTERACTION", "asset": "gpo-42", "mode": "open"},
              {"mode": "close", "asset": "gpo-1", "action": "GPO_INTERACTION"}]}}]
            """
        let rule = try RuleParser.parse(Self.withResults(results))
        #expect(
            rule.outcome(.highWarning)?.actions == [
                "EMAIL ", "7", "true", "SMS", "AUTOMATION", "FANCY", "GPO_INTERACTION:gpo-42:open",
                "GPO_INTERACTION:gpo-1:close",
            ])
    }

    @Test(arguments: [
        (#"{"action": "EMAIL"}"#, ["EMAIL"]),
        (#"{"action": {"action": "EMAIL"}}"#, ["EMAIL"]),
        (#"{"x": "SMS", "y": {"action": "EMAIL"}}"#, ["SMS", "EMAIL"]),
        (#""EMAIL""#, []),
        ("null", []),
        ("[]", []),
    ])
    func actionMemberShapes(_ action: String, _ expected: [String]) throws {
        let results = #"[{"low_warning": {"description": "d", "action": "# + action + "}}]"
        let rule = try RuleParser.parse(Self.withResults(results))
        #expect(rule.outcome(.lowWarning)?.actions == expected)
    }

    @Test(arguments: [
        (
            #"[{"low_warning": {"description": "d", "action": [null]}}]"#,
            BadJSONReason.wrongType(
                path: "threshold.results[0].low_warning.action[0]", expected: "a string or an object")
        ),
        (
            #"[{"low_warning": {"description": "d", "action": [["EMAIL"]]}}]"#,
            .wrongType(path: "threshold.results[0].low_warning.action[0]", expected: "a string or an object")
        ),
        (
            #"[{"low_warning": {"description": "d", "action": [{"asset": "x"}]}}]"#,
            .missingField(path: "threshold.results[0].low_warning.action[0].action")
        ),
        (
            #"[{"low_warning": {"description": "d", "action": [{"action": "GPO_INTERACTION", "mode": "open"}]}}]"#,
            .missingField(path: "threshold.results[0].low_warning.action[0].asset")
        ),
        (
            #"[{"low_warning": {"description": "d", "action": [{"action": "GPO_INTERACTION", "asset": "g"}]}}]"#,
            .missingField(path: "threshold.results[0].low_warning.action[0].mode")
        ),
        (#"[{"low_warning": {"action": []}}]"#, .missingField(path: "threshold.results[0].low_warning.description")),
        (#"[{"low_warning": {"description": "d"}}]"#, .missingField(path: "threshold.results[0].low_warning.action")),
        (#"[{"low_warning": "x"}]"#, .wrongType(path: "threshold.results[0].low_warning", expected: "an object")),
        (#"[{"ok": {"description": "d", "action": []}}]"#, .unknownOutcome(path: "threshold.results[0]", name: "ok")),
        (
            #"[{"LOW_WARNING": {"description": "d", "action": []}}]"#,
            .unknownOutcome(path: "threshold.results[0]", name: "LOW_WARNING")
        ),
        (#"[{}]"#, .notSingleMember(path: "threshold.results[0]")),
        (#"["low_warning"]"#, .notSingleMember(path: "threshold.results[0]")),
        (
            #"[{"low_warning": {"description": "d", "action": []}, "high_warning": {"description": "d", "action": []}}]"#,
            .notSingleMember(path: "threshold.results[0]")
        ),
        (
            #"{"low_warning": {"description": "d", "action": []}}"#,
            .wrongType(path: "threshold.results", expected: "an array")
        ),
    ])
    func badResultsAreRefused(_ results: String, _ expected: BadJSONReason) {
        #expect(Self.reason(Self.withResults(results)) == expected)
    }

    @Test func outcomesKeepOrderFirstDuplicateAndDerivedSeverity() throws {
        let results = """
            [{"high_critical": {"description": "one", "action": [], "severity": "WARNING"}},
             {"low_warning": {"description": "two", "action": []}},
             {"high_critical": {"description": "three", "action": []}}]
            """
        let rule = try RuleParser.parse(Self.withResults(results))
        #expect(rule.outcomes.map(\.level) == [.highCritical, .lowWarning])
        #expect(rule.outcome(.highCritical)?.description == "one")
        #expect(rule.outcome(.highCritical)?.severity == .critical)
        #expect(rule.outcome(.lowWarning)?.severity == .warning)
        #expect(rule.outcome(.lowCritical) == nil)
    }

    @Test func bytesAndTextGiveTheSameRule() throws {
        let text = Self.threshold()
        #expect(try RuleParser.parse(Array(text.utf8)) == RuleParser.parse(text))
    }

    @Test func storedFormReparsesToTheSameRule() throws {
        let rule = try RuleParser.parse(Self.threshold(#""_note": "a \"quoted\"\nnote\u0001","#))
        #expect(try RuleParser.parse(rule.storedJSON) == rule)
    }
}
