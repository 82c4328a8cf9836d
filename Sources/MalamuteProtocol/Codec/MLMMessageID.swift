/// The 18 Malamute message ids (wire.md §2.3).
public enum MLMMessageID: UInt8, CaseIterable, Sendable {
    case connectionOpen = 1
    case connectionPing = 2
    case connectionPong = 3
    case connectionClose = 4
    case streamWrite = 5
    case streamRead = 6
    case streamSend = 7
    case streamDeliver = 8
    case mailboxSend = 9
    case mailboxDeliver = 10
    case serviceSend = 11
    case serviceOffer = 12
    case serviceDeliver = 13
    case ok = 14
    case error = 15
    case credit = 16
    case confirm = 17
    case streamCancel = 18

    /// The reference's `mlm_proto_command` name, e.g. `STREAM_DELIVER`.
    public var name: String {
        switch self {
        case .connectionOpen: "CONNECTION_OPEN"
        case .connectionPing: "CONNECTION_PING"
        case .connectionPong: "CONNECTION_PONG"
        case .connectionClose: "CONNECTION_CLOSE"
        case .streamWrite: "STREAM_WRITE"
        case .streamRead: "STREAM_READ"
        case .streamSend: "STREAM_SEND"
        case .streamDeliver: "STREAM_DELIVER"
        case .mailboxSend: "MAILBOX_SEND"
        case .mailboxDeliver: "MAILBOX_DELIVER"
        case .serviceSend: "SERVICE_SEND"
        case .serviceOffer: "SERVICE_OFFER"
        case .serviceDeliver: "SERVICE_DELIVER"
        case .ok: "OK"
        case .error: "ERROR"
        case .credit: "CREDIT"
        case .confirm: "CONFIRM"
        case .streamCancel: "STREAM_CANCEL"
        }
    }
}

/// Malamute status codes carried by OK, ERROR and CONFIRM (wire.md §2.3).
public enum MLMStatus {
    /// 200 SUCCESS.
    public static let success: UInt16 = 200
    /// 300 FAILED.
    public static let failed: UInt16 = 300
    /// 500 COMMAND_INVALID.
    public static let commandInvalid: UInt16 = 500
    /// 501 NOT_IMPLEMENTED.
    public static let notImplemented: UInt16 = 501
    /// 502 INTERNAL_ERROR.
    public static let internalError: UInt16 = 502
}
