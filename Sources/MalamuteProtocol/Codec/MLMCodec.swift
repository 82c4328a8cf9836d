import Zproto

/// Encodes and decodes Malamute messages exactly as the reference `mlm_proto` codec does.
///
/// Encoding (wire.md §2.2): signature `AA A8`, the id, the fields in wire order; strings longer
/// than 255 bytes are cut to 255 (as the reference setters do), so the length byte always matches.
/// Decoding refuses what the reference cannot parse and, unlike the reference (vectors README
/// items 1–2, decisions.md D7), also refuses truncated fields instead of acting on stale ones;
/// bytes after the last field are ignored.
public enum MLMCodec {
    /// The two signature bytes of every MLM header frame.
    public static let signature: (UInt8, UInt8) = (0xAA, 0xA8)
    /// The protocol string of CONNECTION_OPEN.
    public static let protocolName: [UInt8] = Array("MALAMUTE".utf8)
    /// The protocol version of CONNECTION_OPEN.
    public static let protocolVersion: UInt16 = 1

    /// Encodes the header frame of `message` (content frames are not included).
    public static func encodeHeader(_ message: MLMMessage) -> [UInt8] {
        var w = ByteWriter(capacity: 64)
        w.number1(signature.0)
        w.number1(signature.1)
        w.number1(message.id.rawValue)
        switch message {
        case .connectionOpen(let address):
            w.string(protocolName)
            w.number2(protocolVersion)
            w.string(address)
        case .connectionPing, .connectionPong, .connectionClose:
            break
        case .streamWrite(let stream), .streamCancel(let stream):
            w.string(stream)
        case .streamRead(let stream, let pattern):
            w.string(stream)
            w.string(pattern)
        case .streamSend(let subject, _):
            w.string(subject)
        case .streamDeliver(let address, let sender, let subject, _):
            w.string(address)
            w.string(sender)
            w.string(subject)
        case .mailboxSend(let address, let subject, let tracker, let timeout, _),
            .serviceSend(let address, let subject, let tracker, let timeout, _):
            w.string(address)
            w.string(subject)
            w.string(tracker)
            w.number4(timeout)
        case .mailboxDeliver(let sender, let address, let subject, let tracker, _),
            .serviceDeliver(let sender, let address, let subject, let tracker, _):
            w.string(sender)
            w.string(address)
            w.string(subject)
            w.string(tracker)
        case .serviceOffer(let address, let pattern):
            w.string(address)
            w.string(pattern)
        case .ok(let code, let reason), .error(let code, let reason):
            w.number2(code)
            w.string(reason)
        case .credit(let amount):
            w.number2(amount)
        case .confirm(let tracker, let code, let reason):
            w.string(tracker)
            w.number2(code)
            w.string(reason)
        }
        return w.bytes
    }

    /// Encodes `message` as the full list of frames to send: the header frame, then its content.
    ///
    /// A message with no content frames is sent as the header alone (wire.md §2.2 rule 2).
    public static func encode(_ message: MLMMessage) -> [[UInt8]] {
        [encodeHeader(message)] + message.content
    }

    /// Decodes a multipart message: `frames[0]` is the header, the rest is content.
    public static func decode(_ frames: [[UInt8]]) throws(MLMDecodeError) -> MLMMessage {
        guard let header = frames.first else { throw .noFrames }
        return try decode(header: header, content: Array(frames.dropFirst()))
    }

    /// Decodes a header frame and attaches `content` to ids that carry a content field.
    public static func decode(header: [UInt8], content: [[UInt8]]) throws(MLMDecodeError) -> MLMMessage {
        guard header.count >= 3 else { throw .tooShort(header.count) }
        guard header[0] == signature.0, header[1] == signature.1 else {
            throw .badSignature(header[0], header[1])
        }
        guard let id = MLMMessageID(rawValue: header[2]) else { throw .unknownID(header[2]) }
        var r = ByteReader(header, offset: 3)
        do {
            return try decodeFields(id, &r, content)
        } catch let error as TruncatedFrame {
            throw .truncated(id, error)
        } catch let error as MLMDecodeError {
            throw error
        } catch {
            preconditionFailure("unexpected error \(error)")
        }
    }

    private static func decodeFields(
        _ id: MLMMessageID, _ r: inout ByteReader, _ content: [[UInt8]]
    ) throws -> MLMMessage {
        switch id {
        case .connectionOpen:
            let proto = try r.stringBytes()
            guard proto == protocolName else { throw MLMDecodeError.badProtocol(proto) }
            let version = try r.number2()
            guard version == protocolVersion else { throw MLMDecodeError.badVersion(version) }
            return .connectionOpen(address: try r.stringBytes())
        case .connectionPing: return .connectionPing
        case .connectionPong: return .connectionPong
        case .connectionClose: return .connectionClose
        case .streamWrite: return .streamWrite(stream: try r.stringBytes())
        case .streamCancel: return .streamCancel(stream: try r.stringBytes())
        case .streamRead:
            return .streamRead(stream: try r.stringBytes(), pattern: try r.stringBytes())
        case .streamSend:
            return .streamSend(subject: try r.stringBytes(), content: content)
        case .streamDeliver:
            return .streamDeliver(
                address: try r.stringBytes(), sender: try r.stringBytes(), subject: try r.stringBytes(),
                content: content)
        case .mailboxSend:
            return .mailboxSend(
                address: try r.stringBytes(), subject: try r.stringBytes(), tracker: try r.stringBytes(),
                timeout: try r.number4(), content: content)
        case .serviceSend:
            return .serviceSend(
                address: try r.stringBytes(), subject: try r.stringBytes(), tracker: try r.stringBytes(),
                timeout: try r.number4(), content: content)
        case .mailboxDeliver:
            return .mailboxDeliver(
                sender: try r.stringBytes(), address: try r.stringBytes(), subject: try r.stringBytes(),
                tracker: try r.stringBytes(), content: content)
        case .serviceDeliver:
            return .serviceDeliver(
                sender: try r.stringBytes(), address: try r.stringBytes(), subject: try r.stringBytes(),
                tracker: try r.stringBytes(), content: content)
        case .serviceOffer:
            return .serviceOffer(address: try r.stringBytes(), pattern: try r.stringBytes())
        case .ok:
            return .ok(code: try r.number2(), reason: try r.stringBytes())
        case .error:
            return .error(code: try r.number2(), reason: try r.stringBytes())
        case .credit:
            return .credit(amount: try r.number2())
        case .confirm:
            return .confirm(tracker: try r.stringBytes(), code: try r.number2(), reason: try r.stringBytes())
        }
    }
}

/// Why a frame is not a valid MLM message.
public enum MLMDecodeError: Error, Equatable, Sendable {
    /// The message had no frame at all.
    case noFrames
    /// The header frame is shorter than signature + id.
    case tooShort(Int)
    /// The first two bytes are not `AA A8`.
    case badSignature(UInt8, UInt8)
    /// The id byte is not 1...18.
    case unknownID(UInt8)
    /// CONNECTION_OPEN names a protocol other than `MALAMUTE`.
    case badProtocol([UInt8])
    /// CONNECTION_OPEN names a version other than 1.
    case badVersion(UInt16)
    /// A field of the given message runs past the end of the header frame.
    case truncated(MLMMessageID, TruncatedFrame)
}
