import FtyProto
import TestSupport
import Testing

/// The byte examples of wire.md §4.3–§4.5, checked against the text of the spec.
@Suite struct FtyProtoSpecExampleTests {
    static let metricHex = """
        AA A1 01 00 00 00 00 00 00 00 00 65 53 F1 00 00 00 01 2C 0B 74 65 6D 70 65 72 61 74 75 72 65
        08 73 65 6E 73 6F 72 2D 31 04 32 35 2E 33 01 43
        """
    static let alertHex = """
        AA A1 02 00 00 00 00 00 00 00 00 65 53 F1 00 00 00 03 84 20 61 76 65 72 61 67 65 2E 74 65 6D 70
        65 72 61 74 75 72 65 40 64 61 74 61 63 65 6E 74 65 72 2D 33 0C 64 61 74 61 63 65 6E 74 65 72 2D
        33 06 41 43 54 49 56 45 07 57 41 52 4E 49 4E 47 10 68 69 67 68 20 74 65 6D 70 65 72 61 74 75 72
        65 00 00 00 02 00 00 00 05 45 4D 41 49 4C 00 00 00 03 53 4D 53 00 00 00 00
        """
    static let assetHex = """
        AA A1 03 00 00 00 06 0D 70 61 72 65 6E 74 5F 6E 61 6D 65 2E 31 00 00 00 0C 64 61 74 61 63 65 6E
        74 65 72 2D 33 06 70 61 72 65 6E 74 00 00 00 01 34 06 73 74 61 74 75 73 00 00 00 06 61 63 74 69
        76 65 04 74 79 70 65 00 00 00 06 64 65 76 69 63 65 07 73 75 62 74 79 70 65 00 00 00 03 75 70 73
        08 70 72 69 6F 72 69 74 79 00 00 00 01 31 05 75 70 73 2D 31 06 75 70 64 61 74 65 00 00 00 02 04
        6E 61 6D 65 00 00 00 05 55 50 53 20 31 05 6D 6F 64 65 6C 00 00 00 03 39 50 58
        """

    static let metric = FtyProtoMessage.metric(
        FtyMetric(time: 1_700_000_000, ttl: 300, type: "temperature", name: "sensor-1", value: "25.3", unit: "C"))
    static let alert = FtyProtoMessage.alert(
        FtyAlert(
            time: 1_700_000_000, ttl: 900, rule: "average.temperature@datacenter-3", name: "datacenter-3",
            state: "ACTIVE", severity: "WARNING", description: "high temperature", action: ["EMAIL", "SMS"]))
    static let asset = FtyProtoMessage.asset(
        FtyAsset(
            aux: [
                "priority": "1", "type": "device", "subtype": "ups", "parent": "4", "status": "active",
                "parent_name.1": "datacenter-3",
            ],
            name: "ups-1", operation: "update", ext: ["name": "UPS 1", "model": "9PX"]))

    @Test func metricExampleOf4_3() throws {
        let frame = try FtyProtoCodec.encode(Self.metric)
        #expect(frame.count == 47)
        #expect(frame == Hex.decode(Self.metricHex))
        #expect(try FtyProtoCodec.decode([frame]) == Self.metric)
    }

    @Test func alertExampleOf4_4() throws {
        let frame = try FtyProtoCodec.encode(Self.alert)
        #expect(frame.count == 121)
        #expect(frame == Hex.decode(Self.alertHex))
        #expect(try FtyProtoCodec.decode([frame]) == Self.alert)
    }

    @Test func assetExampleOf4_5() throws {
        for order in [FtyHashOrder.convenienceEncoder, .setters] {
            let frame = try FtyProtoCodec.encode(Self.asset, hashOrder: order)
            #expect(frame.count == 154)
            #expect(frame == Hex.decode(Self.assetHex))
        }
        let decoded = try FtyProtoCodec.decode([Hex.decode(Self.assetHex)])
        #expect(decoded == Self.asset)
        guard case .asset(let asset) = decoded else { return }
        #expect(asset.aux.keys == ["parent_name.1", "parent", "status", "type", "subtype", "priority"])
    }
}
