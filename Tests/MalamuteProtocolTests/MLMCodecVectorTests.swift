import Foundation
import MalamuteProtocol
import TestSupport
import Testing

/// Golden vectors of `shared/vectors/mlm_proto.json`, produced by the real libmlm encoder.
@Suite struct MLMCodecVectorTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let id: String
        let label: String
        let raw: UncheckedFields
        var fields: [String: Any] { raw.value }
        let frames: [[UInt8]]
        let hasSetterInput: Bool
        var testDescription: String { "\(id): \(label)" }
    }

    static let vectors: [Vector] = {
        guard let root = try? Fixtures.json(Fixtures.vector("mlm_proto.json")) as? [String: Any],
            let messages = root["messages"] as? [[String: Any]]
        else { return [] }
        return messages.map { m in
            Vector(
                id: m["id"] as! String, label: m["label"] as! String,
                raw: UncheckedFields(m["fields"] as! [String: Any]),
                frames: (m["frames"] as! [String]).map(Hex.decode),
                hasSetterInput: m["setter_input"] != nil)
        }
    }()

    @Test func everyMessageIDHasVectors() {
        let ids = Set(Self.vectors.map(\.id))
        #expect(ids == Set(MLMMessageID.allCases.map(\.name)))
        #expect(Self.vectors.count == 56)
    }

    @Test(arguments: vectors)
    func encodesExactlyAsTheReference(_ vector: Vector) throws {
        let message = try Self.message(vector)
        #expect(MLMCodec.encode(message) == vector.frames)
    }

    @Test(arguments: vectors)
    func decodesWhatTheReferenceEncoded(_ vector: Vector) throws {
        let decoded = try MLMCodec.decode(vector.frames)
        var expected = try Self.message(vector)
        if vector.hasSetterInput {
            // The vector's fields show the long setter input; the frame holds its 255-byte cut.
            expected = try MLMCodec.decode(MLMCodec.encode(expected))
        }
        #expect(decoded == expected)
    }

    /// Builds the message the vector describes; `content: null` is the reference's single empty frame.
    static func message(_ v: Vector) throws -> MLMMessage {
        let f = v.fields
        func s(_ key: String) -> [UInt8] {
            switch f[key] {
            case let text as String: Array(text.utf8)
            case let obj as [String: Any]: Hex.decode(obj["hex"] as! String)
            default: []
            }
        }
        func n(_ key: String) -> Int { (f[key] as? NSNumber)?.intValue ?? 0 }
        let content: [[UInt8]]
        switch f["content"] {
        case let list as [String]: content = list.map(Hex.decode)
        default: content = [[]]
        }
        let id = try #require(MLMMessageID.allCases.first { $0.name == v.id })
        switch id {
        case .connectionOpen: return .connectionOpen(address: s("address"))
        case .connectionPing: return .connectionPing
        case .connectionPong: return .connectionPong
        case .connectionClose: return .connectionClose
        case .streamWrite: return .streamWrite(stream: s("stream"))
        case .streamCancel: return .streamCancel(stream: s("stream"))
        case .streamRead: return .streamRead(stream: s("stream"), pattern: s("pattern"))
        case .streamSend: return .streamSend(subject: s("subject"), content: content)
        case .streamDeliver:
            return .streamDeliver(address: s("address"), sender: s("sender"), subject: s("subject"), content: content)
        case .mailboxSend:
            return .mailboxSend(
                address: s("address"), subject: s("subject"), tracker: s("tracker"), timeout: UInt32(n("timeout")),
                content: content)
        case .serviceSend:
            return .serviceSend(
                address: s("address"), subject: s("subject"), tracker: s("tracker"), timeout: UInt32(n("timeout")),
                content: content)
        case .mailboxDeliver:
            return .mailboxDeliver(
                sender: s("sender"), address: s("address"), subject: s("subject"), tracker: s("tracker"),
                content: content)
        case .serviceDeliver:
            return .serviceDeliver(
                sender: s("sender"), address: s("address"), subject: s("subject"), tracker: s("tracker"),
                content: content)
        case .serviceOffer: return .serviceOffer(address: s("address"), pattern: s("pattern"))
        case .ok: return .ok(code: UInt16(n("status_code")), reason: s("status_reason"))
        case .error: return .error(code: UInt16(n("status_code")), reason: s("status_reason"))
        case .credit: return .credit(amount: UInt16(n("amount")))
        case .confirm:
            return .confirm(tracker: s("tracker"), code: UInt16(n("status_code")), reason: s("status_reason"))
        }
    }
}

/// Foundation JSON values are immutable once parsed; this lets the test arguments cross tasks.
struct UncheckedFields: @unchecked Sendable {
    let value: [String: Any]
    init(_ value: [String: Any]) { self.value = value }
}
