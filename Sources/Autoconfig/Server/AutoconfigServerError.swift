import MalamuteClient

/// Why an ``AutoconfigServer`` could not start.
public enum AutoconfigServerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The broker did not accept the client or its subscription.
    case broker(endpoint: String, MalamuteClientError)
    /// ``AutoconfigServer/start()`` was called twice.
    case alreadyStarted

    public var description: String {
        switch self {
        case .broker(let endpoint, let error): "autoconfig: broker at \(endpoint): \(error)"
        case .alreadyStarted: "autoconfig server already started"
        }
    }
}
