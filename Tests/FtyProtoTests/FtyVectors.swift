import Foundation
import FtyProto
import TestSupport
import Testing

/// The entries of `shared/vectors/fty_proto.json` (real libfty_proto frames), turned into Swift values.
enum FtyVectors {
    /// A message the reference encoder wrote, or one of its corrupt over-long-string frames.
    struct Message: Sendable, CustomTestStringConvertible {
        let label: String
        let encoder: String
        let message: FtyProtoMessage
        let hashWireOrder: [String: [String]]
        let frame: [UInt8]
        /// Encoder quirks only: whether the reference decoder accepted its corrupt frame.
        let referenceDecodes: Bool?
        var hashOrder: FtyHashOrder {
            encoder.hasPrefix("fty_proto_new") ? .setters : .convenienceEncoder
        }
        var testDescription: String { "\(label) [\(encoder)]" }
    }

    /// Content handed to the reference decoder and its verdict.
    struct DecodeCase: Sendable, CustomTestStringConvertible {
        let label: String
        let frames: [[UInt8]]
        let isFtyProto: Bool
        let decodes: Bool
        let message: FtyProtoMessage?
        var testDescription: String { label }
    }

    /// One top-level list of the file (empty if the file cannot be read, which the count test catches).
    static func entries(_ key: String) -> [[String: Any]] {
        let root = (try? Fixtures.json(Fixtures.vector("fty_proto.json"))) as? [String: Any]
        return root?[key] as? [[String: Any]] ?? []
    }

    static let messages: [Message] = entries("messages").map(message)
    static let encoderQuirks: [Message] = entries("encoder_quirks").map(message)
    static let decodeCases: [DecodeCase] = entries("decode").map { d in
        DecodeCase(
            label: d["label"] as! String,
            frames: (d["frames"] as! [String]).map(Hex.decode),
            isFtyProto: d["is"] as! Bool,
            decodes: d["decodes"] as! Bool,
            message: (d["decodes"] as! Bool)
                ? fields(d["fields"] as! [String: Any], type: d["type"] as! String) : nil)
    }

    static func message(_ m: [String: Any]) -> Message {
        Message(
            label: m["label"] as! String, encoder: m["encoder"] as! String,
            message: fields(m["fields"] as! [String: Any], type: m["type"] as! String),
            hashWireOrder: m["hash_wire_order"] as? [String: [String]] ?? [:],
            frame: Hex.decode((m["frames"] as! [String])[0]),
            referenceDecodes: m["decodes"] as? Bool)
    }

    /// Builds the message described by a vector's `fields`.
    static func fields(_ f: [String: Any], type: String) -> FtyProtoMessage {
        func s(_ key: String) -> String { text(f[key]) }
        func hash(_ key: String) -> FtyHash {
            let pairs = f[key] as? [[Any]] ?? []
            return FtyHash(pairs.map { (key: text($0[0]), value: text($0[1])) })
        }
        switch type {
        case "METRIC":
            return .metric(
                FtyMetric(
                    aux: hash("aux"), time: uint64(f["time"]), ttl: UInt32(uint64(f["ttl"])), type: s("type"),
                    name: s("name"), value: s("value"), unit: s("unit")))
        case "ALERT":
            return .alert(
                FtyAlert(
                    aux: hash("aux"), time: uint64(f["time"]), ttl: UInt32(uint64(f["ttl"])), rule: s("rule"),
                    name: s("name"), state: s("state"), severity: s("severity"), description: s("description"),
                    action: (f["action"] as? [Any] ?? []).map(text), metadata: s("metadata")))
        default:
            return .asset(FtyAsset(aux: hash("aux"), name: s("name"), operation: s("operation"), ext: hash("ext")))
        }
    }

    /// A text field: a JSON string, or `{"hex": …}` read as our decoder reads bytes (lossy UTF-8,
    /// cut at NUL); `null` is "".
    static func text(_ value: Any?) -> String {
        switch value {
        case let string as String: string
        case let object as [String: Any]:
            String(decoding: Hex.decode(object["hex"] as! String).prefix { $0 != 0 }, as: UTF8.self)
        default: ""
        }
    }

    /// An exact unsigned 64-bit integer (the vectors hold 2^64−1, which a Double cannot).
    static func uint64(_ value: Any?) -> UInt64 {
        (value as! NSNumber).uint64Value
    }
}
