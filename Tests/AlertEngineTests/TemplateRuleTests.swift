import Foundation
import Testing

@testable import AlertEngine

/// Every shipped template, filled for a made-up asset (engine.md §11.5), parses to the kind and
/// rule name expected; `flexible` ones are JSON for fty-alert-flexible and refused here (§3.2).
@Suite struct TemplateRuleTests {
    /// (file, kind — nil for `flexible`, rule name before substitution, number of targets).
    static let templates: [(String, RuleKind?, String, Int)] = [
        ("average.humidity@__datacenter__.rule", .simpleThreshold, "average.humidity@__name__", 1),
        ("average.humidity@__rack__.rule", .simpleThreshold, "average.humidity-input@__name__", 1),
        ("average.humidity@__row__.rule", .simpleThreshold, "average.humidity@__name__", 1),
        ("average.temperature@__datacenter__.rule", .simpleThreshold, "average.temperature@__name__", 1),
        ("average.temperature@__rack__.rule", .simpleThreshold, "average.temperature-input@__name__", 1),
        ("average.temperature@__row__.rule", .simpleThreshold, "average.temperature@__name__", 1),
        ("charge.battery@__cops__.rule", .simpleThreshold, "charge.battery@__name__", 1),
        ("charge.battery@__device_ups__.rule", .simpleThreshold, "charge.battery@__name__", 1),
        ("door-contact.state-change@__device_sensorgpio__.rule", nil, "door-contact.state-change@__name__", 1),
        (
            "fire-detector-extinguisher.state-change@__device_sensorgpio__.rule", nil,
            "fire-detector-extinguisher.state-change@__name__", 1
        ),
        ("fire-detector.state-change@__device_sensorgpio__.rule", nil, "fire-detector.state-change@__name__", 1),
        ("humidity.default@__device_sensor__.rule", .simpleThreshold, "humidity.default@__name__", 1),
        ("internal-failure@__device_ups__.rule", .single, "internal-failure@__name__", 2),
        ("licensing.expire@__device_rackcontroller__.rule", nil, "licensing.expiration@__name__", 1),
        ("load.default@__device_ups__.rule", .simpleThreshold, "load.default@__name__", 1),
        ("load.input_1phase@__device_epdu__.rule", .simpleThreshold, "load.input_1phase@__name__", 1),
        ("load.input_3phase@__device_epdu__.rule", .complexThreshold, "load.input_3phase@__name__", 3),
        ("lowbattery@__cops__.rule", .single, "lowbattery@__name__", 1),
        ("lowbattery@__device_ups__.rule", .single, "lowbattery@__name__", 1),
        ("onacpoweroutage@__cops__.rule", .single, "onacpoweroutage@__name__", 1),
        ("onacpoweroutage@__device_ups__.rule", .single, "onacpoweroutage@__name__", 1),
        ("onbattery@__cops__.rule", .single, "onbattery@__name__", 1),
        ("onbattery@__device_ups__.rule", .single, "onbattery@__name__", 1),
        ("onbypass@__cops__.rule", .single, "onbypass@__name__", 1),
        ("onbypass@__device_ups__.rule", .single, "onbypass@__name__", 1),
        ("phase_imbalance@__datacenter__.rule", .complexThreshold, "phase_imbalance@__name__", 3),
        ("phase_imbalance@__device_epdu__.rule", .complexThreshold, "phase_imbalance@__name__", 3),
        ("phase_imbalance@__device_ups__.rule", .complexThreshold, "phase_imbalance@__name__", 3),
        ("phase_imbalance@__rack__.rule", .complexThreshold, "phase_imbalance@__name__", 3),
        (
            "pir-motion-detector.state-change@__device_sensorgpio__.rule", nil,
            "motion-detector-sensor.state-change@__name__", 1
        ),
        ("realpower.default@__datacenter__.rule", .simpleThreshold, "realpower.default@__name__", 1),
        ("realpower.default_1phase@__rack__.rule", .simpleThreshold, "realpower.default@__name__", 1),
        ("runtime.battery@__device_ups__.rule", .simpleThreshold, "runtime.battery@__name__", 1),
        ("section_load@__device_epdu__.rule", .simpleThreshold, "section_load@__name__", 1),
        ("smoke-detector.state-change@__device_sensorgpio__.rule", nil, "smoke-detector.state-change@__name__", 1),
        ("sts-frequency@__device_sts__.rule", nil, "sts-frequency@__name__", 1),
        ("sts-preferred-source@__device_sts__.rule", nil, "sts-preferred-source@__name__", 1),
        ("sts-voltage@__device_sts__.rule", nil, "sts-voltage@__name__", 1),
        ("temperature.default@__device_sensor__.rule", .simpleThreshold, "temperature.default@__name__", 1),
        ("temperature.default@__device_ups__.rule", .simpleThreshold, "temperature.default@__name__", 1),
        (
            "vibration-sensor.state-change@__device_sensorgpio__.rule", nil,
            "vibration-detector.state-change@__name__", 1
        ),
        ("voltage.input_1phase@__device_epdu__.rule", .simpleThreshold, "voltage.input_1phase@__name__", 1),
        ("voltage.input_1phase@__device_ups__.rule", .simpleThreshold, "voltage.input_1phase@__name__", 1),
        ("voltage.input_3phase@__device_epdu__.rule", .complexThreshold, "voltage.input_3phase@__name__", 3),
        ("voltage.input_3phase@__device_ups__.rule", .complexThreshold, "voltage.input_3phase@__name__", 3),
        (
            "water-leak-detector.state-change@__device_sensorgpio__.rule", nil,
            "water-leak-detector.state-change@__name__", 1
        ),
    ]

    static let filler = TemplateFiller()

    @Test func everyTemplateIsCovered() throws {
        let files = try ReferenceFiles.ruleFiles(in: ReferenceFiles.templates)
        #expect(files.count == 46)
        #expect(Set(files) == Set(Self.templates.map(\.0)))
    }

    @Test(arguments: templates)
    func filledTemplateParses(_ file: String, _ kind: RuleKind?, _ name: String, _ targetCount: Int) throws {
        let text = Self.filler.fill(try ReferenceFiles.template(file))
        for (placeholder, _) in Self.filler.replacements {
            #expect(!text.contains(placeholder), "\(placeholder) left in \(file)")
        }
        let expectedName = name.replacingOccurrences(of: "__name__", with: Self.filler.name)
        guard let kind else {
            // Flexible rules are routed to fty-alert-flexible (§11.6); the JSON is still valid
            // for our parser (raw newlines inside strings, §3.1), the rule kind is not.
            let document = try JSONParser.parse(text)
            #expect(document.members?.first?.name == "flexible")
            #expect(document.members?.first?.value[member: "name"] == .string(expectedName))
            #expect(throws: RuleError.badJSON(.unknownKind("flexible"))) { try RuleParser.parse(text) }
            return
        }
        let rule = try RuleParser.parse(text)
        #expect(rule.kind == kind)
        #expect(rule.name == expectedName)
        #expect(rule.element == Self.filler.name)
        #expect(rule.targets.count == targetCount)
        #expect(rule.targets.allSatisfy { $0.hasSuffix("@" + Self.filler.name) })
        #expect((rule.evaluation != nil) == kind.usesLua)
        #expect(!rule.outcomes.isEmpty)
        // UTF-8 of the display name survives into descriptions (engine.md Q8).
        if text.contains(Self.filler.displayName) {
            #expect(rule.outcomes.contains { $0.description.contains(Self.filler.displayName) })
        }
    }

    /// The disabled template is flexible too: it must never be taken for an engine rule.
    @Test func disabledTemplateIsNotAnEngineRule() throws {
        let url = ReferenceFiles.templates.deletingLastPathComponent()
            .appendingPathComponent("templates-disabled/single-point-of-failure@__device_ups__.rule.disabled")
        let text = Self.filler.fill(try String(contentsOf: url, encoding: .utf8))
        #expect(throws: RuleError.badJSON(.unknownKind("flexible"))) { try RuleParser.parse(text) }
    }
}
