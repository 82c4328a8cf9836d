import SelfMetrics

/// Why the HTTP listener did not start.
public enum HTTPListenerError: Error, Sendable, CustomStringConvertible {
    /// The address could not be bound (in use, not local, no permission).
    case cannotListen(ListenAddress, reason: String)

    public var description: String {
        switch self {
        case .cannotListen(let address, let reason): "cannot listen on \(address): \(reason)"
        }
    }
}
