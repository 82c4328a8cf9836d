import FtyProto

/// The assets and ALERT frames of the `actions` benchmark, encoded once up front.
///
/// One rule per asset (`bench-<i>@asset-<i>`). Rule `i` behaves by `i % 10` over the rounds, so
/// that every path of engine.md §12.4 that sends nothing is exercised:
///
/// | i % 10 | odd round | even round | path |
/// |---|---|---|---|
/// | 0 | ACTIVE | ACK-WIP | change into ACK (resolve + alert actions, none to send), then no change |
/// | 1 | ACTIVE | RESOLVED | new alert cached, then resolved and forgotten |
/// | 2 | description "a" | description "b" | changed every round |
/// | 3, 4 | ACTIVE, actions EMAIL + SMS | same | unchanged (notified once, in the warm-up) |
/// | 5–9 | ACTIVE | same | unchanged |
///
/// Only rules 3 and 4 carry actions; the others have an empty action list.
struct AlertLoad {
    let assets: [[UInt8]]
    /// `rounds[parity][i]`: the frame of rule `i` in odd (0) and even (1) rounds.
    let rounds: [[(subject: String, frame: [UInt8])]]

    init(assets count: Int) throws {
        var assets: [[UInt8]] = []
        var odd: [(String, [UInt8])] = [], even: [(String, [UInt8])] = []
        for index in 0..<count {
            let name = "asset-\(index)"
            var aux = FtyHash()
            aux["type"] = "device"
            aux["subtype"] = "ups"
            aux["priority"] = String(index % 5 + 1)
            var ext = FtyHash()
            ext["name"] = "UPS \(index)"
            ext["contact_email"] = "ops-\(index)@example.com"
            ext["contact_sms"] = "+420\(100_000_000 + index)"
            assets.append(try FtyProtoCodec.encode(FtyAsset(aux: aux, name: name, operation: "update", ext: ext)))
            for parity in 0..<2 {
                let alert = Self.alert(index, asset: name, even: parity == 1)
                let entry = ("\(alert.rule)/\(alert.severity)@\(name)", try FtyProtoCodec.encode(alert))
                if parity == 0 { odd.append(entry) } else { even.append(entry) }
            }
        }
        self.assets = assets
        rounds = [odd, even]
    }

    static func alert(_ index: Int, asset: String, even: Bool) -> FtyAlert {
        var alert = FtyAlert(
            time: 1_700_000_000, ttl: 3_600, rule: "bench-\(index)@\(asset)", name: asset, state: "ACTIVE",
            severity: "CRITICAL", description: "load above threshold", action: [])
        switch index % 10 {
        case 0: if even { alert.state = "ACK-WIP" }
        case 1: if even { alert.state = "RESOLVED" }
        case 2: alert.description = even ? "b" : "a"
        case 3, 4: alert.action = ["EMAIL", "SMS"]
        default: break
        }
        return alert
    }
}
