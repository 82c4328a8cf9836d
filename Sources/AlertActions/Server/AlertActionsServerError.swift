import MalamuteClient

/// Why an ``AlertActionsServer`` could not start.
public enum AlertActionsServerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A bus client could not connect or subscribe at `endpoint` within the client timeout.
    case broker(endpoint: String, client: String, MalamuteClientError)
    /// ``AlertActionsServer/start()`` was called on a server that was already started.
    case alreadyStarted

    /// A one-line explanation for logs.
    public var description: String {
        switch self {
        case .broker(let endpoint, let client, let error): "client \(client) at \(endpoint): \(error)"
        case .alreadyStarted: "the alert actions server was already started"
        }
    }
}
