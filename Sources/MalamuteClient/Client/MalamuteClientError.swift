/// Why a Malamute client call failed.
public enum MalamuteClientError: Error, Equatable, Sendable {
    /// The broker did not answer within the timeout (for connect: "Server is not reachable").
    case timedOut(ClientOperation, after: Duration)
    /// The broker went silent, or the session was lost and not re-opened, before it answered.
    case connectionLost(ClientOperation)
    /// The call needs an open session, and the session is in `state`.
    case notConnected(ClientOperation, state: ClientSession.State)
    /// The broker answered ERROR (wire.md §2.3 status codes: 300 failed, 500 invalid command).
    case rejected(ClientOperation, code: UInt16, reason: String)
    /// Another call is still waiting for the broker (a session handles one call at a time).
    case callInProgress(ClientOperation)
    /// The client was closed.
    case closed
    /// The subject pattern does not compile as SLRE; nothing was sent (wire.md §3.2).
    case invalidPattern(String)
    /// A name, subject, tracker or pattern does not fit a zproto string (wire.md §2.2 rule 1).
    case stringTooLong(field: String, byteCount: Int)
    /// libzmq refused the endpoint.
    case invalidEndpoint(String, detail: String)
    /// A socket call failed.
    case transport(operation: String, detail: String)
}

extension MalamuteClientError: CustomStringConvertible {
    /// A one-line explanation for logs.
    public var description: String {
        switch self {
        case .timedOut(.connect, let after): "connect: server is not reachable (no answer within \(after))"
        case .timedOut(let operation, let after): "\(operation): no answer from the broker within \(after)"
        case .connectionLost(let operation): "\(operation): connection to the broker lost before it answered"
        case .notConnected(let operation, let state): "\(operation): not connected (session is \(state))"
        case .rejected(let operation, let code, let reason):
            "\(operation): broker answered ERROR \(code)\(reason.isEmpty ? "" : " (\(reason))")"
        case .callInProgress(let operation): "\(operation): another call is still waiting for the broker"
        case .closed: "the client is closed"
        case .invalidPattern(let pattern): "pattern regexp is not valid: \(pattern)"
        case .stringTooLong(let field, let count): "\(field) is \(count) bytes long; at most 255 fit on the wire"
        case .invalidEndpoint(let endpoint, let detail): "invalid endpoint \(endpoint): \(detail)"
        case .transport(let operation, let detail): "\(operation) failed: \(detail)"
        }
    }
}
