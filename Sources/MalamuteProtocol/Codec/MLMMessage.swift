/// One Malamute (MLM) protocol message: the header frame's id and fields, plus content frames.
///
/// String fields are raw bytes (wire.md §0: no NUL, no character-set validation) so that a broker
/// forwards them byte for byte. Content is the list of frames that follow the header frame; it may
/// be empty. Field order and meaning follow wire.md §2.3.
public enum MLMMessage: Equatable, Sendable {
    /// Client opens a session under `address` (empty = anonymous). Protocol and version are fixed.
    case connectionOpen(address: [UInt8])
    /// Client heartbeat.
    case connectionPing
    /// Broker's answer to a heartbeat.
    case connectionPong
    /// Client ends its session.
    case connectionClose
    /// Client becomes the producer of `stream`.
    case streamWrite(stream: [UInt8])
    /// Client subscribes to `stream` with an SLRE `pattern` on subjects.
    case streamRead(stream: [UInt8], pattern: [UInt8])
    /// Client publishes on its producer stream.
    case streamSend(subject: [UInt8], content: [[UInt8]])
    /// Broker delivers a stream message; `address` is the stream name.
    case streamDeliver(address: [UInt8], sender: [UInt8], subject: [UInt8], content: [[UInt8]])
    /// Client sends mail to the client named `address`.
    case mailboxSend(address: [UInt8], subject: [UInt8], tracker: [UInt8], timeout: UInt32, content: [[UInt8]])
    /// Broker delivers mail; `address` is the recipient's own name.
    case mailboxDeliver(sender: [UInt8], address: [UInt8], subject: [UInt8], tracker: [UInt8], content: [[UInt8]])
    /// Client sends a request to the service `address`.
    case serviceSend(address: [UInt8], subject: [UInt8], tracker: [UInt8], timeout: UInt32, content: [[UInt8]])
    /// Client offers to work for `address` on subjects matching `pattern`.
    case serviceOffer(address: [UInt8], pattern: [UInt8])
    /// Broker delivers a service request to a worker.
    case serviceDeliver(sender: [UInt8], address: [UInt8], subject: [UInt8], tracker: [UInt8], content: [[UInt8]])
    /// Broker's success reply.
    case ok(code: UInt16, reason: [UInt8])
    /// Broker's failure reply.
    case error(code: UInt16, reason: [UInt8])
    /// Flow-control credit (accepted and ignored by every broker).
    case credit(amount: UInt16)
    /// Delivery confirmation (never to be sent: the reference broker kills the session).
    case confirm(tracker: [UInt8], code: UInt16, reason: [UInt8])
    /// Client cancels all its subscriptions on `stream`.
    case streamCancel(stream: [UInt8])

    /// The message id of this message.
    public var id: MLMMessageID {
        switch self {
        case .connectionOpen: .connectionOpen
        case .connectionPing: .connectionPing
        case .connectionPong: .connectionPong
        case .connectionClose: .connectionClose
        case .streamWrite: .streamWrite
        case .streamRead: .streamRead
        case .streamSend: .streamSend
        case .streamDeliver: .streamDeliver
        case .mailboxSend: .mailboxSend
        case .mailboxDeliver: .mailboxDeliver
        case .serviceSend: .serviceSend
        case .serviceOffer: .serviceOffer
        case .serviceDeliver: .serviceDeliver
        case .ok: .ok
        case .error: .error
        case .credit: .credit
        case .confirm: .confirm
        case .streamCancel: .streamCancel
        }
    }

    /// The content frames carried by this message (empty for ids without a content field).
    public var content: [[UInt8]] {
        switch self {
        case .streamSend(_, let content), .streamDeliver(_, _, _, let content),
            .mailboxSend(_, _, _, _, let content), .mailboxDeliver(_, _, _, _, let content),
            .serviceSend(_, _, _, _, let content), .serviceDeliver(_, _, _, _, let content):
            content
        default:
            []
        }
    }
}

extension MLMMessage {
    /// `OK` with status 200 and an empty reason, as a compatible broker sends it (wire.md §2.5.9).
    public static let success = MLMMessage.ok(code: MLMStatus.success, reason: [])
    /// `ERROR 500`: command invalid in this session's state.
    public static let commandInvalid = MLMMessage.error(code: MLMStatus.commandInvalid, reason: [])
    /// `ERROR 300`: command failed (STREAM_SEND without a producer, CONFIRM).
    public static let failed = MLMMessage.error(code: MLMStatus.failed, reason: [])
}
