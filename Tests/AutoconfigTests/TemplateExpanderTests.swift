import AlertEngine
import Autoconfig
import Testing

/// Placeholder replacement (engine.md §11.5) with JSON escaping inside string literals (Q17).
@Suite struct TemplateExpanderTests {
    static let values = TemplateValues(
        name: "ups-12", port: "GPI4", logicalAsset: "Room 1", logicalAssetName: "room-1", severity: "WARNING",
        normalState: "closed", ruleResult: "warning", displayName: "UPS north")

    @Test func replacesEveryPlaceholderAtEveryOccurrence() {
        let template = #"{"a": "__name__ __name__", "b": "__port__/__logicalasset__/__logicalasset_iname__", "#
            + #""c": "__severity__ __normalstate__ high___rule_result__ __ename__"}"#
        let expanded = TemplateExpander(values: Self.values).expand(template)
        #expect(
            expanded
                == #"{"a": "ups-12 ups-12", "b": "GPI4/Room 1/room-1", "c": "WARNING closed high_warning UPS north"}"#)
    }

    @Test func valuesComeFromTheExtAttributes() {
        let values = TemplateValues(
            name: "sensor-3",
            attributes: [
                "port": "2", "logical_asset": "rack-9", "alarm_severity": "Critical", "normal_state": "opened",
                "name": "Door",
            ],
            containerName: { $0 == "rack-9" ? "Rack Nine" : nil })
        #expect(
            values
                == TemplateValues(
                    name: "sensor-3", port: "GPI2", logicalAsset: "Rack Nine", logicalAssetName: "rack-9",
                    severity: "Critical", normalState: "opened", ruleResult: "critical", displayName: "Door"))
        let bare = TemplateValues(name: "x", attributes: [:], containerName: { _ in "unused" })
        #expect(bare == TemplateValues(name: "x", port: "GPI", logicalAsset: "unused"))
    }

    @Test func quotesAndBackslashesInsideStringsAreEscaped() {
        var values = Self.values
        values.displayName = #"Rack "A"\1"# + "\n\u{1}"
        let expanded = TemplateExpander(values: values).expand(#"{"d": "x __ename__ y"}"#)
        #expect(expanded == #"{"d": "x Rack \"A\"\\1\n\u0001 y"}"#)
    }

    @Test func placeholdersOutsideStringsAreReplacedVerbatim() {
        var values = Self.values
        values.severity = "1"
        values.displayName = "a\"b"
        let expanded = TemplateExpander(values: values).expand(#"{"n": __severity__, "s": "\"__ename__\""}"#)
        #expect(expanded == #"{"n": 1, "s": "\"a\"b\""}"#)
    }

    /// Replacement is sequential, in §11.5 order: a value holding a later placeholder is replaced again.
    @Test func laterPassesSeeEarlierValues() {
        var values = Self.values
        values.name = "x__ename__"
        #expect(TemplateExpander(values: values).expand(#""__name__""#) == #""xUPS north""#)
        values.name = "y__port__"
        values.displayName = "__name__"
        // __ename__ is last: the __name__ it inserts stays as it is.
        #expect(TemplateExpander(values: values).expand(#""__name__ __ename__""#) == #""yGPI4 __name__""#)
    }

    @Test func placeholdersAtTheEdgesAndPartialOnes() {
        let expander = TemplateExpander(values: Self.values)
        #expect(expander.expand("__name__") == "ups-12")
        #expect(expander.expand("x__name_") == "x__name_")
        #expect(expander.expand("_") == "_")
        #expect(expander.expand("") == "")
        #expect(expander.expand("___name__") == "_ups-12")
        #expect(expander.expand("__name____name__") == "ups-12ups-12")
    }

    @Test func listsThePlaceholdersATemplateUses() {
        #expect(TemplateExpander.placeholders.count == 8)
        #expect(TemplateExpander.placeholders(in: "__ename__ and __name__") == ["__name__", "__ename__"])
        #expect(TemplateExpander.placeholders(in: "{}").isEmpty)
    }

    /// Every shipped template, filled with a display name full of quotes and backslashes, still
    /// parses as JSON; those for the engine parse as rules with that display name in them.
    @Test(arguments: ReferenceTemplates.all)
    func everyReferenceTemplateStaysValidJSON(_ template: Template) throws {
        var values = Self.values
        values.displayName = #"The "big" one \ 1"#
        values.logicalAsset = #"Room "7""#
        #expect(try JSONParser.parse(TemplateExpander(values: .sample).expand(template.contents)).members != nil)
        let text = TemplateExpander(values: values).expand(template.contents)
        let json = try JSONParser.parse(text)
        #expect(json.members?.isEmpty == false)
        #expect(String(decoding: text, as: UTF8.self).contains(#"The \"big\" one \\ 1"#) == template.contains("__ename__"))
        if RuleDestination.of(text) == .engine {
            let rule = try RuleParser.parse(text)
            #expect(rule.name == ReferenceTemplates.ruleName(template, asset: "ups-12"))
            if template.contains("__ename__") {
                #expect(rule.storedJSON.contains("big"))
            }
        }
    }
}

extension Template: CustomTestStringConvertible {
    public var testDescription: String { fileName }
}
