import CZMQShim

/// Socket life-cycle events a monitor can report (zmq_socket_monitor).
public struct ZMQMonitorEvents: OptionSet, Sendable {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }
    /// A bound endpoint is listening.
    public static let listening = ZMQMonitorEvents(rawValue: ZMQ_EVENT_LISTENING)
    /// A listener (or connecter) was closed: after an unbind, its address is free again.
    public static let closed = ZMQMonitorEvents(rawValue: ZMQ_EVENT_CLOSED)
    /// A peer connection was accepted.
    public static let accepted = ZMQMonitorEvents(rawValue: ZMQ_EVENT_ACCEPTED)
    /// A peer connection ended.
    public static let disconnected = ZMQMonitorEvents(rawValue: ZMQ_EVENT_DISCONNECTED)
}

/// One event received from a monitor PAIR socket.
public struct ZMQMonitorEvent: Sendable, Equatable {
    /// The event (exactly one flag).
    public let event: ZMQMonitorEvents
    /// The event's value (a file descriptor, errno or interval, depending on the event).
    public let value: UInt32
    /// The endpoint the event concerns.
    public let endpoint: String

    /// Decodes a monitor message (libzmq 4.x: 2-byte event + 4-byte value in native byte order,
    /// then the endpoint); `nil` if the frames do not have that shape.
    public init?(frames: [[UInt8]]) {
        guard frames.count == 2, frames[0].count == 6 else { return nil }
        let (event, value) = frames[0].withUnsafeBytes { raw in
            (raw.loadUnaligned(as: UInt16.self), raw.loadUnaligned(fromByteOffset: 2, as: UInt32.self))
        }
        self.event = ZMQMonitorEvents(rawValue: Int32(event))
        self.value = value
        self.endpoint = String(decoding: frames[1], as: UTF8.self)
    }
}

extension ZMQSocket {
    /// Publishes this socket's `events` on an `inproc://` PAIR endpoint; connect a ``ZMQSocketType/pair``
    /// socket there and read ``ZMQMonitorEvent``s from it.
    public func startMonitor(_ endpoint: String, events: ZMQMonitorEvents) throws(ZMQError) {
        guard let handle = pollHandle else { throw ZMQError("closed socket", code: ENOTSOCK) }
        guard zmq_socket_monitor(handle, endpoint, events.rawValue) == 0 else {
            throw ZMQError("zmq_socket_monitor \(endpoint)")
        }
    }
}
