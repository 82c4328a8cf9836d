import CZMQShim

/// A libzmq socket owned by exactly one thread.
///
/// libzmq sockets are not thread-safe, so this class is deliberately not `Sendable`: create it on
/// the thread that uses it and close it there. Multipart messages are lists of frames; a frame is
/// a byte array. Calls retry on EINTR; a non-blocking call that would block returns `nil`/`false`.
public final class ZMQSocket {
    private var handle: UnsafeMutableRawPointer?
    /// The socket type.
    public let type: ZMQSocketType

    /// Creates a socket of `type` in `context`.
    public init(_ type: ZMQSocketType, context: ZMQContext = .shared) throws(ZMQError) {
        guard let handle = zmq_socket(context.handle, type.rawValue) else { throw ZMQError("zmq_socket") }
        self.handle = handle
        self.type = type
    }

    deinit {
        if let handle { zmq_close(handle) }
    }

    /// Closes the socket now; later calls fail with ENOTSOCK.
    public func close() {
        if let handle { zmq_close(handle) }
        handle = nil
    }

    private var raw: UnsafeMutableRawPointer {
        get throws(ZMQError) {
            guard let handle else { throw ZMQError("closed socket", code: ENOTSOCK) }
            return handle
        }
    }

    /// Binds to `endpoint` (e.g. `ipc://@/malamute`, `tcp://127.0.0.1:9999`, `inproc://x`).
    public func bind(_ endpoint: String) throws(ZMQError) {
        guard zmq_bind(try raw, endpoint) == 0 else { throw ZMQError("zmq_bind \(endpoint)") }
    }

    /// Stops listening on `endpoint` (for a wildcard bind, the endpoint `lastEndpoint` reported).
    ///
    /// libzmq closes the listener asynchronously: watch a monitor (``startMonitor(_:events:)``)
    /// for ``ZMQMonitorEvents/closed`` to know when the address is free again.
    public func unbind(_ endpoint: String) throws(ZMQError) {
        guard zmq_unbind(try raw, endpoint) == 0 else { throw ZMQError("zmq_unbind \(endpoint)") }
    }

    /// Connects to `endpoint`; libzmq reconnects transparently if the peer goes away.
    public func connect(_ endpoint: String) throws(ZMQError) {
        guard zmq_connect(try raw, endpoint) == 0 else { throw ZMQError("zmq_connect \(endpoint)") }
    }

    /// Sets an integer socket option.
    public func setOption(_ option: ZMQSocketOption, _ value: Int32) throws(ZMQError) {
        var v = value
        guard zmq_setsockopt(try raw, option.rawValue, &v, MemoryLayout<Int32>.size) == 0 else {
            throw ZMQError("zmq_setsockopt \(option)")
        }
    }

    /// Sets a string socket option (a PLAIN user name or password, a ZAP domain).
    public func setOption(_ option: ZMQSocketOption, _ value: String) throws(ZMQError) {
        let bytes = Array(value.utf8)
        let socket = try raw
        let rc = bytes.withUnsafeBytes { zmq_setsockopt(socket, option.rawValue, $0.baseAddress, $0.count) }
        guard rc == 0 else { throw ZMQError("zmq_setsockopt \(option)") }
    }

    /// Reads an integer socket option.
    public func option(_ option: ZMQSocketOption) throws(ZMQError) -> Int32 {
        var v: Int32 = 0
        var size = MemoryLayout<Int32>.size
        guard zmq_getsockopt(try raw, option.rawValue, &v, &size) == 0 else {
            throw ZMQError("zmq_getsockopt \(option)")
        }
        return v
    }

    /// Reads a string socket option (e.g. the last bound endpoint).
    public func stringOption(_ option: ZMQSocketOption) throws(ZMQError) -> String {
        var buffer = [CChar](repeating: 0, count: 1024)
        var size = buffer.count
        guard zmq_getsockopt(try raw, option.rawValue, &buffer, &size) == 0 else {
            throw ZMQError("zmq_getsockopt \(option)")
        }
        return String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Sends one frame; `more` marks that another frame of the same message follows.
    ///
    /// Returns `false` if `dontWait` is set and the frame could not be queued (EAGAIN).
    @discardableResult
    public func send(frame: [UInt8], more: Bool = false, dontWait: Bool = false) throws(ZMQError) -> Bool {
        let socket = try raw
        let flags = (more ? ZMQ_SNDMORE : 0) | (dontWait ? ZMQ_DONTWAIT : 0)
        while true {
            let rc = frame.withUnsafeBytes { zmq_send(socket, $0.baseAddress, $0.count, flags) }
            if rc >= 0 { return true }
            let error = ZMQError("zmq_send")
            if error.code == EINTR { continue }
            if error.wouldBlock && dontWait { return false }
            throw error
        }
    }

    /// Sends a multipart message: every frame but the last with MORE.
    ///
    /// With `dontWait`, only the first frame may fail with EAGAIN (libzmq then queues the rest
    /// atomically); the result says whether the message was queued.
    @discardableResult
    public func send(_ frames: [[UInt8]], dontWait: Bool = false) throws(ZMQError) -> Bool {
        guard !frames.isEmpty else { return true }
        let last = frames.count - 1
        for (index, frame) in frames.enumerated() {
            let queued = try send(frame: frame, more: index < last, dontWait: dontWait && index == 0)
            if !queued { return false }
        }
        return true
    }

    /// Sends `first`, then every frame of `rest`, as one multipart message.
    ///
    /// With `dontWait`, only `first` may fail with EAGAIN (libzmq then queues the rest
    /// atomically); the result says whether the message was queued.
    @discardableResult
    public func send(_ first: [UInt8], _ rest: [[UInt8]], dontWait: Bool = false) throws(ZMQError) -> Bool {
        guard try send(frame: first, more: !rest.isEmpty, dontWait: dontWait) else { return false }
        let last = rest.count - 1
        for (index, frame) in rest.enumerated() {
            try send(frame: frame, more: index < last)
        }
        return true
    }

    /// Sends `routingID`, `header` and `content` as one multipart message (ROUTER side).
    public func send(routingID: [UInt8], header: [UInt8], content: [[UInt8]]) throws(ZMQError) {
        try send(frame: routingID, more: true)
        try send(header, content)
    }

    /// Receives one whole multipart message, or `nil` if `dontWait` is set and none is ready.
    public func receive(dontWait: Bool = false) throws(ZMQError) -> [[UInt8]]? {
        let socket = try raw
        var frames: [[UInt8]] = []
        // Routing id + header + content: one allocation for the usual message instead of regrowing.
        frames.reserveCapacity(4)
        var message = zmq_msg_t()
        zmq_msg_init(&message)
        defer { zmq_msg_close(&message) }
        var flags = dontWait ? ZMQ_DONTWAIT : 0
        while true {
            let rc = zmq_msg_recv(&message, socket, flags)
            if rc < 0 {
                let error = ZMQError("zmq_msg_recv")
                if error.code == EINTR { continue }
                // Once the first frame arrived, the remaining ones are already queued.
                if error.wouldBlock && frames.isEmpty && dontWait { return nil }
                throw error
            }
            let size = zmq_msg_size(&message)
            if let data = zmq_msg_data(&message), size > 0 {
                frames.append(Array(UnsafeRawBufferPointer(start: data, count: size)))
            } else {
                frames.append([])
            }
            if zmq_msg_more(&message) == 0 { return frames }
            flags = 0
        }
    }

    /// The events ready on this socket right now (`readable`, `writable`).
    public func events() throws(ZMQError) -> ZMQEvents {
        ZMQEvents(rawValue: Int16(truncatingIfNeeded: try option(.events)))
    }

    var pollHandle: UnsafeMutableRawPointer? { handle }
}

/// Integer and string socket options this project sets.
public enum ZMQSocketOption: Sendable, CustomStringConvertible {
    case sendHighWaterMark, receiveHighWaterMark, linger, events, lastEndpoint
    case routerMandatory, immediate, reconnectInterval, reconnectIntervalMax, sendTimeout, receiveTimeout
    /// PLAIN security: `plainServer` (integer, server side, set before bind), `plainUsername` and
    /// `plainPassword` (strings, client side, set before connect); `zapDomain` (string).
    case plainServer, plainUsername, plainPassword, zapDomain

    var rawValue: Int32 {
        switch self {
        case .sendHighWaterMark: ZMQ_SNDHWM
        case .receiveHighWaterMark: ZMQ_RCVHWM
        case .linger: ZMQ_LINGER
        case .events: ZMQ_EVENTS
        case .lastEndpoint: ZMQ_LAST_ENDPOINT
        case .routerMandatory: ZMQ_ROUTER_MANDATORY
        case .immediate: ZMQ_IMMEDIATE
        case .reconnectInterval: ZMQ_RECONNECT_IVL
        case .reconnectIntervalMax: ZMQ_RECONNECT_IVL_MAX
        case .sendTimeout: ZMQ_SNDTIMEO
        case .receiveTimeout: ZMQ_RCVTIMEO
        case .plainServer: ZMQ_PLAIN_SERVER
        case .plainUsername: ZMQ_PLAIN_USERNAME
        case .plainPassword: ZMQ_PLAIN_PASSWORD
        case .zapDomain: ZMQ_ZAP_DOMAIN
        }
    }

    public var description: String {
        switch self {
        case .sendHighWaterMark: "ZMQ_SNDHWM"
        case .receiveHighWaterMark: "ZMQ_RCVHWM"
        case .linger: "ZMQ_LINGER"
        case .events: "ZMQ_EVENTS"
        case .lastEndpoint: "ZMQ_LAST_ENDPOINT"
        case .routerMandatory: "ZMQ_ROUTER_MANDATORY"
        case .immediate: "ZMQ_IMMEDIATE"
        case .reconnectInterval: "ZMQ_RECONNECT_IVL"
        case .reconnectIntervalMax: "ZMQ_RECONNECT_IVL_MAX"
        case .sendTimeout: "ZMQ_SNDTIMEO"
        case .receiveTimeout: "ZMQ_RCVTIMEO"
        case .plainServer: "ZMQ_PLAIN_SERVER"
        case .plainUsername: "ZMQ_PLAIN_USERNAME"
        case .plainPassword: "ZMQ_PLAIN_PASSWORD"
        case .zapDomain: "ZMQ_ZAP_DOMAIN"
        }
    }
}
