#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Synchronization

/// A minimal HTTP/1.x server on one thread of its own: accepts a connection, reads the request
/// head, writes what `respond` returns, closes. Enough for a Prometheus scraper.
///
/// Why not swift-nio: the agent runs on appliances, and linking NIO's event loops, channels and
/// HTTP codec (2 MB of code) for one GET every few seconds cost every agent process 1 MiB of
/// resident memory, self-metrics on or off. One connection is served at a time; a client that
/// stalls is dropped after ``ioTimeoutSeconds``.
final class MetricsHTTPServer: Sendable {
    /// The port bound (the one asked for, or the kernel's choice for port 0).
    let port: Int
    /// How long one client may take to send its request or read the answer.
    static let ioTimeoutSeconds = 2
    /// The most of a request head that is read.
    static let headLimit = 16 * 1024

    private let listener: Int32
    private let wake: (read: Int32, write: Int32)
    private let finished = DispatchSemaphore(value: 0)
    private let stopped = Mutex(false)

    /// Binds `host:port` and starts serving; `respond` maps a request head to response bytes.
    ///
    /// - Throws: ``MetricsExporterError/cannotListen(_:reason:)`` with the system's words.
    init(listen: ListenAddress, respond: @escaping @Sendable ([UInt8]) -> [UInt8]) throws(MetricsExporterError) {
        let listener = try Self.bind(listen)
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            let reason = String(cString: strerror(errno))
            close(listener)
            throw .cannotListen(listen, reason: reason)
        }
        for end in pipeEnds { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        self.listener = listener
        self.wake = (pipeEnds[0], pipeEnds[1])
        self.port = Self.boundPort(listener) ?? listen.port
        let (wakeRead, finished) = (pipeEnds[0], self.finished)
        let thread = Thread {
            Self.serve(listener: listener, wake: wakeRead, respond: respond)
            finished.signal()
        }
        thread.name = "self-metrics"
        thread.start()
    }

    deinit {
        stop()
    }

    /// Stops accepting, waits for the thread to end and closes the sockets; safe to call twice.
    func stop() {
        let wasStopped = stopped.withLock { stopped in
            defer { stopped = true }
            return stopped
        }
        if wasStopped { return }
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
        finished.wait()
        close(listener)
        close(wake.read)
        close(wake.write)
    }

    // MARK: - Binding

    private static func bind(_ address: ListenAddress) throws(MetricsExporterError) -> Int32 {
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var found: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(address.host, String(address.port), &hints, &found)
        guard status == 0, let first = found else {
            throw .cannotListen(address, reason: String(cString: gai_strerror(status)))
        }
        defer { freeaddrinfo(first) }
        var reason = "no address"
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            candidate = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else {
                reason = String(cString: strerror(errno))
                continue
            }
            var one: Int32 = 1
            _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            if Glibc.bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0, listen(fd, 16) == 0 {
                return fd
            }
            reason = String(cString: strerror(errno))
            close(fd)
        }
        throw .cannotListen(address, reason: reason)
    }

    private static func boundPort(_ fd: Int32) -> Int? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let status = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard status == 0 else { return nil }
        return withUnsafePointer(to: &storage) { pointer -> Int? in
            switch Int32(pointer.pointee.ss_family) {
            case AF_INET:
                pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
            case AF_INET6:
                pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin6_port)) }
            default: nil
            }
        }
    }

    // MARK: - Serving

    /// Accepts and answers until a byte arrives on `wake`.
    private static func serve(listener: Int32, wake: Int32, respond: ([UInt8]) -> [UInt8]) {
        while true {
            var fds = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0), pollfd(fd: wake, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            if fds[1].revents != 0 { return }
            guard fds[0].revents & Int16(POLLIN) != 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            answer(client, respond: respond)
            close(client)
        }
    }

    /// Reads one request head from `client`, writes the answer, then lets the client close first
    /// so that unread request bytes cannot turn the close into a reset that loses the answer.
    private static func answer(_ client: Int32, respond: ([UInt8]) -> [UInt8]) {
        var timeout = timeval(tv_sec: ioTimeoutSeconds, tv_usec: 0)
        _ = setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard let head = readHead(client) else { return }
        let response = respond(head)
        response.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = send(client, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return }
                offset += written
            }
        }
        shutdown(client, Int32(SHUT_WR))
        var sink = [UInt8](repeating: 0, count: 4096)
        var drained = 0
        while drained < headLimit {
            let count = read(client, &sink, sink.count)
            guard count > 0 else { break }
            drained += count
        }
    }

    /// The bytes up to and including the blank line that ends the head; nil if the client
    /// closed, stalled or sent more than ``headLimit`` bytes without one.
    private static func readHead(_ client: Int32) -> [UInt8]? {
        var head: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let end: [UInt8] = Array("\r\n\r\n".utf8)
        while head.count < headLimit {
            let count = read(client, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return nil }
            head += buffer[..<count]
            if let range = head.firstRange(of: end) { return Array(head[..<range.upperBound]) }
        }
        return nil
    }
}
