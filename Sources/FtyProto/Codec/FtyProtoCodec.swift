/// Encodes and decodes fty_proto METRIC / ALERT / ASSET frames (wire.md §4).
///
/// One message is one frame: `AA A1`, the id byte, then the fields. Encoding is byte-exact with
/// the reference C++ codec for every valid input, and never produces a corrupt frame: `string`
/// fields over 255 bytes are cut at a UTF-8 boundary (engine.md §16 Q29). Decoding follows the
/// reference's acceptance rules (wire.md §4.6, vectors/README.md items 5–9).
public enum FtyProtoCodec {
    /// The two signature bytes every fty_proto frame starts with (0xAAA0 | 1).
    public static let signature: (UInt8, UInt8) = (0xAA, 0xA1)

    /// Encodes `message` into one frame.
    ///
    /// - Parameter hashOrder: which reference code path's `aux`/`ext` entry order to reproduce;
    ///   the default is what every agent's convenience encoder writes.
    /// - Throws: ``FtyEncodeError`` for a hash key over 255 bytes or a value over 4 GiB, which no
    ///   valid frame can carry. Over-long `string` fields are cut instead (see
    ///   ``overlongFields(in:)``).
    public static func encode(
        _ message: FtyProtoMessage, hashOrder: FtyHashOrder = .convenienceEncoder
    ) throws(FtyEncodeError) -> [UInt8] {
        switch message {
        case .metric(let metric): try encode(metric, hashOrder: hashOrder)
        case .alert(let alert): try encode(alert, hashOrder: hashOrder)
        case .asset(let asset): try encode(asset, hashOrder: hashOrder)
        }
    }

    /// Encodes a METRIC into one frame; same rules as for an ``FtyProtoMessage``.
    public static func encode(
        _ metric: FtyMetric, hashOrder: FtyHashOrder = .convenienceEncoder
    ) throws(FtyEncodeError) -> [UInt8] {
        var encoder = FtyFrameEncoder(id: 1, size: FtyFrameEncoder.encodedSize(of: metric), hashOrder: hashOrder)
        try encoder.hash(metric.aux, field: "aux")
        encoder.number8(metric.time)
        encoder.number4(metric.ttl)
        encoder.string(metric.type)
        encoder.string(metric.name)
        encoder.string(metric.value)
        encoder.string(metric.unit)
        return encoder.bytes
    }

    /// Encodes an ALERT into one frame; same rules as for an ``FtyProtoMessage``.
    public static func encode(
        _ alert: FtyAlert, hashOrder: FtyHashOrder = .convenienceEncoder
    ) throws(FtyEncodeError) -> [UInt8] {
        var encoder = FtyFrameEncoder(id: 2, size: FtyFrameEncoder.encodedSize(of: alert), hashOrder: hashOrder)
        try encoder.hash(alert.aux, field: "aux")
        encoder.number8(alert.time)
        encoder.number4(alert.ttl)
        encoder.string(alert.rule)
        encoder.string(alert.name)
        encoder.string(alert.state)
        encoder.string(alert.severity)
        encoder.string(alert.description)
        try encoder.strings(alert.action, field: "action")
        // wire.md §4.4: every current encoder path writes metadata, even when empty.
        try encoder.longString(alert.metadata, field: "metadata")
        return encoder.bytes
    }

    /// Encodes an ASSET into one frame; same rules as for an ``FtyProtoMessage``.
    public static func encode(
        _ asset: FtyAsset, hashOrder: FtyHashOrder = .convenienceEncoder
    ) throws(FtyEncodeError) -> [UInt8] {
        var encoder = FtyFrameEncoder(id: 3, size: FtyFrameEncoder.encodedSize(of: asset), hashOrder: hashOrder)
        try encoder.hash(asset.aux, field: "aux")
        encoder.string(asset.name)
        encoder.string(asset.operation)
        try encoder.hash(asset.ext, field: "ext")
        return encoder.bytes
    }

    /// Decodes the first frame of `content`; later frames are ignored (wire.md §4.1).
    ///
    /// Follows the reference decoder: any field running past the end rejects the whole message,
    /// bytes after the last field are ignored, an ALERT with fewer than 4 bytes after its action
    /// list has empty metadata, the first of duplicate hash keys wins. Strings are read as the
    /// C getters return them: cut at the first NUL byte. Invalid UTF-8 (which the reference
    /// passes through unchecked) is decoded lossily, each bad sequence becoming U+FFFD.
    public static func decode(_ content: [[UInt8]]) throws(FtyDecodeError) -> FtyProtoMessage {
        guard let frame = content.first else { throw .noFrame }
        guard frame.count >= 3 else { throw .frameTooShort(length: frame.count) }
        guard frame[0] == signature.0, frame[1] == signature.1 else {
            throw .badSignature(frame[0], frame[1])
        }
        var decoder = FtyFrameDecoder(frame, offset: 3)
        switch frame[2] {
        case 1:
            return .metric(
                FtyMetric(
                    aux: try decoder.hash("aux"), time: try decoder.number8("time"),
                    ttl: try decoder.number4("ttl"), type: try decoder.string("type"),
                    name: try decoder.string("name"), value: try decoder.string("value"),
                    unit: try decoder.string("unit")))
        case 2:
            return .alert(
                FtyAlert(
                    aux: try decoder.hash("aux"), time: try decoder.number8("time"),
                    ttl: try decoder.number4("ttl"), rule: try decoder.string("rule"),
                    name: try decoder.string("name"), state: try decoder.string("state"),
                    severity: try decoder.string("severity"), description: try decoder.string("description"),
                    action: try decoder.strings("action"),
                    // vectors/README.md item 7: 4+ remaining bytes are always metadata (a bad
                    // length rejects the message); 0–3 are ignored and metadata is "".
                    metadata: decoder.remaining >= 4 ? try decoder.longString("metadata") : ""))
        case 3:
            return .asset(
                FtyAsset(
                    aux: try decoder.hash("aux"), name: try decoder.string("name"),
                    operation: try decoder.string("operation"), ext: try decoder.hash("ext")))
        default:
            throw .unknownMessageID(frame[2])
        }
    }

    /// True when `content` looks like fty_proto: a first frame of 3+ bytes with the signature and
    /// a known id (wire.md §4.6 rule 1).
    ///
    /// Like `fty_proto_is`, this checks nothing else: ``decode(_:)`` may still reject the frame.
    public static func isFtyProto(_ content: [[UInt8]]) -> Bool {
        guard let frame = content.first, frame.count >= 3 else { return false }
        return frame[0] == signature.0 && frame[1] == signature.1 && (1...3).contains(frame[2])
    }

    /// The `string` fields of `message` that ``encode(_:hashOrder:)`` will cut to 255 bytes.
    ///
    /// engine.md §16 Q29 asks for a log line when a value is cut; the codec itself never logs.
    public static func overlongFields(in message: FtyProtoMessage) -> [FtyOverlongField] {
        let fields: KeyValuePairs<String, String>
        switch message {
        case .metric(let m):
            fields = ["type": m.type, "name": m.name, "value": m.value, "unit": m.unit]
        case .alert(let a):
            fields = [
                "rule": a.rule, "name": a.name, "state": a.state, "severity": a.severity,
                "description": a.description,
            ]
        case .asset(let a):
            fields = ["name": a.name, "operation": a.operation]
        }
        return fields.compactMap { field, value in
            let length = value.utf8.count
            return length > FtyFrameEncoder.maxStringLength ? FtyOverlongField(field: field, length: length) : nil
        }
    }
}
