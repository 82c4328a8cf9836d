import CZMQShim

/// A libzmq call failed; carries the errno and libzmq's description of it.
public struct ZMQError: Error, CustomStringConvertible, Sendable {
    /// The errno value libzmq reported.
    public let code: Int32
    /// The libzmq function that failed.
    public let operation: String

    init(_ operation: String, code: Int32 = czmqshim_errno()) {
        self.operation = operation
        self.code = code
    }

    /// True when the call would have blocked (EAGAIN).
    public var wouldBlock: Bool { code == EAGAIN }

    public var description: String {
        "\(operation): \(String(cString: zmq_strerror(code)))"
    }
}
