import Autoconfig
import Testing

/// Template selection and destinations (engine.md §11.3, §11.6, Q28).
@Suite struct TemplateTests {
    @Test func typeNameIgnoresEmptyUnknownAndNASubtypes() {
        #expect(AssetTypeName.of(type: "datacenter", subtype: "") == "__datacenter__")
        #expect(AssetTypeName.of(type: "rack", subtype: "unknown") == "__rack__")
        #expect(AssetTypeName.of(type: "row", subtype: "N_A") == "__row__")
        #expect(AssetTypeName.of(type: "device", subtype: "ups") == "__device_ups__")
        #expect(AssetTypeName.of(type: "device", subtype: "sensorgpio") == "__device_sensorgpio__")
    }

    @Test func aTemplateAppliesWhenItsFileNameHoldsTheTypeName() {
        let ups = Template(fileName: "onbattery@__device_ups__.rule", contents: [])
        #expect(ups.applies(to: "__device_ups__"))
        #expect(!ups.applies(to: "__device_epdu__"))
        // A substring match, as the original: `__device_sensor__` is not in `__device_sensorgpio__`.
        let gpio = Template(fileName: "door@__device_sensorgpio__.rule", contents: [])
        #expect(!gpio.applies(to: "__device_sensor__"))
        #expect(gpio.applies(to: "__device_sensorgpio__"))
    }

    @Test func onlyRuleFilesAreGenerationTemplates() {
        #expect(Template(fileName: "a@__rack__.rule", contents: []).isRuleTemplate)
        #expect(!Template(fileName: "a@__device_ups__.rule.disabled", contents: []).isRuleTemplate)
        #expect(!Template(fileName: ".rule", contents: []).isRuleTemplate)
        let listing = TemplateListing(templates: [
            Template(fileName: "a.rule", contents: []), Template(fileName: "b.rule.disabled", contents: []),
        ])
        #expect(listing.ruleTemplates.map(\.fileName) == ["a.rule"])
    }

    @Test func theRuleNamePrefixEndsAtTheFirstAt() {
        #expect(Template(fileName: "voltage.input_1phase@__device_ups__.rule", contents: []).ruleNamePrefix
            == "voltage.input_1phase@")
        #expect(Template(fileName: "noat.rule", contents: []).ruleNamePrefix == "noat.rule")
    }

    @Test func flexibleOnlyWhenItIsTheFirstKey() {
        #expect(RuleDestination.of(Array(#"{"flexible": {}}"#.utf8)) == .flexible)
        #expect(RuleDestination.of(Array("\n\t {\n   \"flexible\" : {}}".utf8)) == .flexible)
        #expect(RuleDestination.of(Array("\u{7F}{\u{1}\"flexible\"".utf8)) == .flexible)
        #expect(RuleDestination.of(Array(#"{"single": {"flexible": 1}}"#.utf8)) == .engine)
        #expect(RuleDestination.of(Array(#"x{"flexible": {}}"#.utf8)) == .engine)
        #expect(RuleDestination.of(Array(#"{ "Flexible": {}}"#.utf8)) == .engine)
        #expect(RuleDestination.of(Array("{".utf8)) == .engine)
        #expect(RuleDestination.of([]) == .engine)
        #expect(RuleDestination.flexible.address == "fty-alert-flexible")
        #expect(RuleDestination.engine.address == "fty-alert-engine")
    }

    @Test func theReferenceDirectoryHoldsTheShippedTemplates() {
        #expect(ReferenceTemplates.all.count == 46)
        let flexible = ReferenceTemplates.all.filter { RuleDestination.of($0.contents) == .flexible }
        #expect(flexible.count == 11)  // 7 gpio, 3 sts, 1 licensing (§11.3 table)
    }
}
