import CZMQShim

/// Readiness flags of a socket.
public struct ZMQEvents: OptionSet, Sendable {
    public let rawValue: Int16
    public init(rawValue: Int16) { self.rawValue = rawValue }
    /// A message can be received without blocking.
    public static let readable = ZMQEvents(rawValue: Int16(ZMQ_POLLIN))
    /// A message can be sent without blocking.
    public static let writable = ZMQEvents(rawValue: Int16(ZMQ_POLLOUT))
}

/// Waits on several sockets at once (zmq_poll).
public enum ZMQPoller {
    /// Waits until one of `sockets` is ready for `events`, or `timeoutMilliseconds` pass
    /// (-1 = forever). Returns the ready events of each socket, in the same order; all empty on
    /// timeout. EINTR counts as a timeout so callers re-check their state.
    public static func poll(
        _ sockets: [ZMQSocket], events: ZMQEvents = .readable, timeoutMilliseconds: Int
    ) throws(ZMQError) -> [ZMQEvents] {
        try poll(sockets, fileDescriptors: [], events: events, timeoutMilliseconds: timeoutMilliseconds).sockets
    }

    /// Waits until one of `sockets` or of the plain `fileDescriptors` (a pipe, an inotify
    /// descriptor …) is ready for `events`, or `timeoutMilliseconds` pass (-1 = forever).
    ///
    /// Returns the ready events of the sockets and of the descriptors, each in the order given;
    /// all empty on timeout. EINTR counts as a timeout so callers re-check their state.
    public static func poll(
        _ sockets: [ZMQSocket], fileDescriptors: [Int32], events: ZMQEvents = .readable, timeoutMilliseconds: Int
    ) throws(ZMQError) -> (sockets: [ZMQEvents], fileDescriptors: [ZMQEvents]) {
        var items = sockets.map { socket in
            zmq_pollitem_t(socket: socket.pollHandle, fd: 0, events: events.rawValue, revents: 0)
        }
        items += fileDescriptors.map { fd in
            zmq_pollitem_t(socket: nil, fd: fd, events: events.rawValue, revents: 0)
        }
        let rc = zmq_poll(&items, Int32(items.count), timeoutMilliseconds)
        if rc < 0 {
            let error = ZMQError("zmq_poll")
            if error.code == EINTR {
                return (Array(repeating: [], count: sockets.count), Array(repeating: [], count: fileDescriptors.count))
            }
            throw error
        }
        let ready = items.map { ZMQEvents(rawValue: $0.revents) }
        return (Array(ready.prefix(sockets.count)), Array(ready.dropFirst(sockets.count)))
    }
}
