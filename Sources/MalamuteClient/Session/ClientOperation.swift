/// The API operation an error refers to.
public enum ClientOperation: Equatable, Sendable {
    /// Opening the session (CONNECTION_OPEN).
    case connect
    /// One of the subscription-type calls.
    case command(ClientCommand)
    /// Ending the session (CONNECTION_CLOSE).
    case close
    /// A fire-and-forget send (STREAM_SEND, MAILBOX_SEND, SERVICE_SEND).
    case send
    /// Waiting for deliveries.
    case receive
}

extension ClientOperation: CustomStringConvertible {
    /// The operation in the reference API's words.
    public var description: String {
        switch self {
        case .connect: "connect"
        case .command(let command): command.description
        case .close: "close"
        case .send: "send"
        case .receive: "receive"
        }
    }
}
