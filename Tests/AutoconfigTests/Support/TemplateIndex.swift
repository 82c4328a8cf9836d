import Autoconfig
import FtyProto
import Testing

/// The template index of engine.md §11.3, written out by hand: for each type-name, the rule
/// names (before `@<asset>`) the reference templates produce, and where they go.
enum TemplateIndex {
    struct Entry: Sendable, CustomTestStringConvertible {
        var type: String
        var subtype: String
        var rules: [String]
        var destination: RuleDestination
        var testDescription: String { AssetTypeName.of(type: type, subtype: subtype) }
    }

    static let entries: [Entry] = [
        Entry(
            type: "datacenter", subtype: "",
            rules: ["average.humidity", "average.temperature", "realpower.default", "phase_imbalance"],
            destination: .engine),
        Entry(type: "row", subtype: "", rules: ["average.humidity", "average.temperature"], destination: .engine),
        Entry(
            type: "rack", subtype: "",
            rules: ["average.humidity-input", "average.temperature-input", "realpower.default", "phase_imbalance"],
            destination: .engine),
        Entry(
            type: "cops", subtype: "",
            rules: ["charge.battery", "lowbattery", "onacpoweroutage", "onbattery", "onbypass"], destination: .engine),
        Entry(
            type: "device", subtype: "ups",
            rules: [
                "charge.battery", "internal-failure", "load.default", "lowbattery", "onacpoweroutage", "onbattery",
                "onbypass", "phase_imbalance", "runtime.battery", "temperature.default", "voltage.input_1phase",
                "voltage.input_3phase",
            ],
            destination: .engine),
        Entry(
            type: "device", subtype: "epdu",
            rules: [
                "load.input_1phase", "load.input_3phase", "phase_imbalance", "section_load", "voltage.input_1phase",
                "voltage.input_3phase",
            ],
            destination: .engine),
        Entry(
            type: "device", subtype: "sensor", rules: ["humidity.default", "temperature.default"], destination: .engine),
        Entry(
            type: "device", subtype: "sensorgpio",
            rules: [
                "door-contact.state-change", "fire-detector.state-change", "fire-detector-extinguisher.state-change",
                "motion-detector-sensor.state-change", "smoke-detector.state-change",
                "vibration-detector.state-change", "water-leak-detector.state-change",
            ],
            destination: .flexible),
        Entry(
            type: "device", subtype: "sts", rules: ["sts-frequency", "sts-preferred-source", "sts-voltage"],
            destination: .flexible),
        Entry(type: "device", subtype: "rackcontroller", rules: ["licensing.expiration"], destination: .flexible),
    ]

    /// An ASSET message as fty-asset announces it.
    static func asset(
        _ name: String, type: String, subtype: String = "", operation: String = "create", status: String = "active",
        ext: FtyHash = ["name": "Display name"]
    ) -> FtyAsset {
        var aux: FtyHash = ["type": type, "status": status, "priority": "P1"]
        if !subtype.isEmpty { aux["subtype"] = subtype }
        return FtyAsset(aux: aux, name: name, operation: operation, ext: ext)
    }
}
