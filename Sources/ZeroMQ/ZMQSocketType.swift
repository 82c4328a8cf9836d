import CZMQShim

/// The socket types this project uses.
public enum ZMQSocketType: Sendable {
    /// Broker side of Malamute: addresses peers by routing id.
    case router
    /// Client side of Malamute.
    case dealer
    /// One-to-one pipe, used for in-process control channels.
    case pair
    /// Reply side of a request-reply pair (the ZAP authentication handler).
    case rep

    var rawValue: Int32 {
        switch self {
        case .router: ZMQ_ROUTER
        case .dealer: ZMQ_DEALER
        case .pair: ZMQ_PAIR
        case .rep: ZMQ_REP
        }
    }
}
