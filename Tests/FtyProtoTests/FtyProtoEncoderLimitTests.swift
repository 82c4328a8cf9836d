import FtyProto
import TestSupport
import Testing

/// The 255-byte `string` limit: the reference writes corrupt frames, ours never does (Q29).
@Suite struct FtyProtoEncoderLimitTests {
    /// Cuts the over-long string fields of a message as the encoder promises to.
    static func cut(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if result.utf8.count + String(scalar).utf8.count > 255 { break }
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    @Test(arguments: FtyVectors.encoderQuirks.filter { $0.message.id != 3 })
    func overLongStringsAreCutNotWrapped(_ quirk: FtyVectors.Message) throws {
        let frame = try FtyProtoCodec.encode(quirk.message)
        #expect(frame != quirk.frame)
        // Every length in our frame agrees with its bytes: it decodes back to the same frame.
        let decoded = try FtyProtoCodec.decode([frame])
        #expect(try FtyProtoCodec.encode(decoded) == frame)
        let expected: FtyProtoMessage
        switch quirk.message {
        case .metric(var m):
            (m.type, m.name, m.value, m.unit) = (Self.cut(m.type), Self.cut(m.name), Self.cut(m.value), Self.cut(m.unit))
            expected = .metric(m)
        case .alert(var a):
            (a.rule, a.name, a.state) = (Self.cut(a.rule), Self.cut(a.name), Self.cut(a.state))
            (a.severity, a.description) = (Self.cut(a.severity), Self.cut(a.description))
            expected = .alert(a)
        case .asset:
            Issue.record("asset quirks are hash keys, tested below")
            return
        }
        #expect(decoded == expected)
        #expect(!FtyProtoCodec.overlongFields(in: quirk.message).isEmpty)
    }

    @Test func overLongHashKeyIsRefused() throws {
        let quirk = try #require(FtyVectors.encoderQuirks.first { $0.message.id == 3 })
        #expect(throws: FtyEncodeError.self) { try FtyProtoCodec.encode(quirk.message) }
        let key = String(repeating: "k", count: 256)
        let asset = FtyAsset(name: "ups-1", operation: "update", ext: [key: "v"])
        #expect(throws: FtyEncodeError.hashKeyTooLong(field: "ext", key: key, length: 256)) {
            try FtyProtoCodec.encode(.asset(asset))
        }
    }

    @Test func keyOf255BytesIsAccepted() throws {
        let key = String(repeating: "k", count: 255)
        let frame = try FtyProtoCodec.encode(.asset(FtyAsset(aux: [key: "v"], name: "a", operation: "create")))
        #expect(try FtyProtoCodec.decode([frame]) == .asset(FtyAsset(aux: [key: "v"], name: "a", operation: "create")))
    }

    @Test(arguments: [
        // (prefix, tail, kept bytes): the cut never splits a character.
        (String(repeating: "a", count: 254), "é", 254),  // 2-byte character straddling byte 255
        (String(repeating: "a", count: 253), "é", 255),  // ends exactly at 255
        (String(repeating: "a", count: 253), "🔥", 253),  // 4-byte character straddling
        (String(repeating: "a", count: 251), "🔥", 255),
        (String(repeating: "a", count: 253), "温", 253),  // 3-byte character straddling
        (String(repeating: "é", count: 200), "", 254),
    ])
    func cutFallsOnACharacterBoundary(_ prefix: String, _ tail: String, _ kept: Int) throws {
        let description = prefix + tail + String(repeating: "z", count: 10)
        let alert = FtyAlert(time: 1, ttl: 2, rule: "r", name: "n", state: "ACTIVE", severity: "WARNING", description: description)
        let frame = try FtyProtoCodec.encode(.alert(alert))
        guard case .alert(let decoded) = try FtyProtoCodec.decode([frame]) else {
            Issue.record("not an alert")
            return
        }
        #expect(decoded.description.utf8.count == kept)
        #expect(description.hasPrefix(decoded.description))
        #expect(FtyProtoCodec.overlongFields(in: .alert(alert)) == [
            FtyOverlongField(field: "description", length: description.utf8.count)
        ])
    }

    @Test func stringsWithinTheLimitAreNotReported() {
        let metric = FtyMetric(time: 1, ttl: 1, type: String(repeating: "t", count: 255), name: "n", value: "v", unit: "u")
        #expect(FtyProtoCodec.overlongFields(in: .metric(metric)).isEmpty)
    }

    @Test func longStringFieldsHaveNoByteLimit() throws {
        let big = String(repeating: "x", count: 70_000)
        let alert = FtyAlert(
            aux: ["k": big], time: 1, ttl: 2, rule: "r", name: "n", state: "ACTIVE", severity: "WARNING",
            description: "d", action: [big], metadata: big)
        let frame = try FtyProtoCodec.encode(.alert(alert))
        #expect(try FtyProtoCodec.decode([frame]) == .alert(alert))
    }
}
