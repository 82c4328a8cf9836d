import Autoconfig
import FtyProto

/// The asset mix of the autoconfig benchmark and the rules the engine must end up holding.
///
/// Every 20 assets: 6 UPS, 4 ePDU, 3 racks, 1 datacenter, 1 row, 2 sensors, 2 GPIO sensors and
/// 1 STS. The expected rules follow the template index of engine.md §11.3 with the engine's
/// refusals: sensor rules (§9.4 step 2) and phase rules the asset's `phases.*` do not allow, and
/// rack / datacenter phase imbalance (no metrics yet).
struct BenchAssets {
    /// One asset and what it must produce.
    struct Item {
        var asset: FtyAsset
        /// Rule names the engine keeps.
        var engineRules: [String]
        /// Rules sent to fty-alert-flexible.
        var flexibleRules: Int
    }

    let items: [Item]

    init(count: Int) {
        var items: [Item] = []
        for index in 0..<count {
            items.append(Self.item(index))
        }
        self.items = items
    }

    var engineRuleCount: Int { items.reduce(0) { $0 + $1.engineRules.count } }
    var flexibleRuleCount: Int { items.reduce(0) { $0 + $1.flexibleRules } }

    static func asset(_ name: String, _ type: String, _ subtype: String = "", ext: FtyHash = [:]) -> FtyAsset {
        var aux: FtyHash = ["type": type, "status": "active", "priority": "P2", "parent": "1"]
        if !subtype.isEmpty { aux["subtype"] = subtype }
        var ext = ext
        ext["name"] = "Bench \(name)"
        return FtyAsset(aux: aux, name: name, operation: "create", ext: ext)
    }

    static func item(_ index: Int) -> Item {
        let slot = index % 20
        let name: String
        switch slot {
        case 0..<6:
            name = String(format: "ups-%05d", index)
            let input = slot % 2 == 0 ? "1" : "3", output = slot < 3 ? "1" : "3"
            var rules = [
                "charge.battery", "internal-failure", "load.default", "lowbattery", "onacpoweroutage", "onbattery",
                "onbypass", "runtime.battery", "temperature.default", "voltage.input_\(input)phase",
            ]
            if output == "3" { rules.append("phase_imbalance") }
            return Item(
                asset: asset(name, "device", "ups", ext: ["phases.input": input, "phases.output": output]),
                engineRules: rules.map { "\($0)@\(name)" }, flexibleRules: 0)
        case 6..<10:
            name = String(format: "epdu-%05d", index)
            let input = slot % 2 == 0 ? "1" : "3"
            var rules = ["section_load", "load.input_\(input)phase", "voltage.input_\(input)phase"]
            if input == "3" { rules.append("phase_imbalance") }
            return Item(
                asset: asset(name, "device", "epdu", ext: ["phases.input": input]),
                engineRules: rules.map { "\($0)@\(name)" }, flexibleRules: 0)
        case 10..<13:
            name = String(format: "rack-%05d", index)
            let rules = ["average.humidity-input", "average.temperature-input", "realpower.default"]
            return Item(asset: asset(name, "rack"), engineRules: rules.map { "\($0)@\(name)" }, flexibleRules: 0)
        case 13:
            name = String(format: "datacenter-%05d", index)
            let rules = ["average.humidity", "average.temperature", "realpower.default"]
            return Item(asset: asset(name, "datacenter"), engineRules: rules.map { "\($0)@\(name)" }, flexibleRules: 0)
        case 14:
            name = String(format: "row-%05d", index)
            let rules = ["average.humidity", "average.temperature"]
            return Item(asset: asset(name, "row"), engineRules: rules.map { "\($0)@\(name)" }, flexibleRules: 0)
        case 15, 16:
            name = String(format: "sensor-%05d", index)
            return Item(asset: asset(name, "device", "sensor"), engineRules: [], flexibleRules: 0)
        case 17, 18:
            name = String(format: "sensorgpio-%05d", index)
            let ext: FtyHash = ["model": slot == 17 ? "DCS001" : "WLD012", "port": "1", "alarm_severity": "WARNING"]
            return Item(asset: asset(name, "device", "sensorgpio", ext: ext), engineRules: [], flexibleRules: 1)
        default:
            name = String(format: "sts-%05d", index)
            return Item(asset: asset(name, "device", "sts"), engineRules: [], flexibleRules: 3)
        }
    }
}
