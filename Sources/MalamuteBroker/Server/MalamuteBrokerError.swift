import ZeroMQ

/// Why a ``MalamuteBroker`` could not start.
public enum MalamuteBrokerError: Error, CustomStringConvertible, Sendable {
    /// Binding `endpoint` failed (address in use, bad syntax, no permission, ...).
    case bindFailed(endpoint: String, underlying: ZMQError)
    /// Creating or configuring the broker's sockets failed.
    case socketSetupFailed(underlying: ZMQError)
    /// The configuration names no endpoint, so no client could ever reach the broker.
    case noEndpoints
    /// The PLAIN passwords file could not be read.
    case passwordsFileUnreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .bindFailed(let endpoint, let underlying):
            "cannot bind Malamute broker to \(endpoint): \(underlying)"
        case .socketSetupFailed(let underlying):
            "cannot set up the Malamute broker's sockets: \(underlying)"
        case .noEndpoints:
            "the Malamute broker configuration names no endpoint"
        case .passwordsFileUnreadable(let path, let reason):
            "cannot read the PLAIN passwords file \(path): \(reason)"
        }
    }
}
