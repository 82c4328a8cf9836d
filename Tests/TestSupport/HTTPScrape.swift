import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// An HTTP/1.1 response as read off the socket.
public struct HTTPResponse: Sendable {
    /// The status code (200, 404…).
    public var status: Int
    /// Header names lower-cased.
    public var headers: [String: String]
    /// The body as text.
    public var body: String
}

/// Why ``httpRequest(port:method:path:)`` failed.
public struct HTTPScrapeError: Error, CustomStringConvertible {
    public var description: String

    public init(description: String) {
        self.description = description
    }
}

/// Sends one `method path` request to 127.0.0.1:`port` over a plain TCP socket with
/// `Connection: close` (and `headers`, and `body` with its length when not empty) and reads the
/// response to the end.
///
/// Each read waits at most 120 s: long enough for a debug build on a loaded 2-core CI machine to
/// record a batch of ten thousand alerts, short enough that a hung server fails the test.
///
/// A server may answer before the whole body is sent (413) and close: the rest of the body is
/// then dropped without a SIGPIPE and the answer is still read.
public func httpRequest(
    port: Int, method: String = "GET", path: String = "/metrics", headers extra: [String: String] = [:],
    body: [UInt8] = []
) throws -> HTTPResponse {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw HTTPScrapeError(description: "socket: errno \(errno)") }
    defer { close(descriptor) }
    var timeout = timeval(tv_sec: 120, tv_usec: 0)
    setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    var address = loopback(port: port)
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
        }
    }
    guard connected == 0 else { throw HTTPScrapeError(description: "connect to port \(port): errno \(errno)") }
    var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
    if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.count)\r\n" }
    for (name, value) in extra.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
    let request = Array((head + "\r\n").utf8) + body
    var sent = 0
    while sent < request.count {
        let count = request[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        if count <= 0 {
            guard sent > head.utf8.count else { throw HTTPScrapeError(description: "send: errno \(errno)") }
            break  // the server answered early and closed
        }
        sent += count
    }
    var received: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 65536)
    while true {
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        if count < 0 {
            if errno == ECONNRESET, !received.isEmpty { break }
            throw HTTPScrapeError(description: "recv: errno \(errno)")
        }
        if count == 0 { break }
        received += chunk[0..<count]
    }
    let text = String(decoding: received, as: UTF8.self)
    guard let split = text.range(of: "\r\n\r\n") else { throw HTTPScrapeError(description: "no header end in \(text)") }
    var lines = text[..<split.lowerBound].components(separatedBy: "\r\n")
    let statusLine = lines.removeFirst().split(separator: " ")
    guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
        throw HTTPScrapeError(description: "bad status line in \(text)")
    }
    var headers: [String: String] = [:]
    for line in lines {
        guard let colon = line.firstIndex(of: ":") else { continue }
        headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }
    return HTTPResponse(status: status, headers: headers, body: String(text[split.upperBound...]))
}

/// A TCP port on 127.0.0.1 that was free a moment ago (bound to port 0, then released).
public func freeTCPPort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw HTTPScrapeError(description: "socket: errno \(errno)") }
    defer { close(descriptor) }
    var address = loopback(port: 0)
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
            bind(descriptor, pointer, length) == 0 && getsockname(descriptor, pointer, &length) == 0
        }
    }
    guard bound else { throw HTTPScrapeError(description: "bind: errno \(errno)") }
    return Int(UInt16(bigEndian: address.sin_port))
}

/// The value of the sample `name{labels}` (exact text up to the space) in a Prometheus text
/// exposition, nil if absent.
public func prometheusSample(_ exposition: String, _ series: String) -> Double? {
    for line in exposition.split(separator: "\n") where line.hasPrefix(series + " ") {
        return Double(line.dropFirst(series.count + 1))
    }
    return nil
}

private func loopback(port: Int) -> sockaddr_in {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
    return address
}

/// ``httpRequest(port:method:path:headers:body:)`` from an async test: the blocking socket calls
/// run on a thread of their own, so they never hold one of the few cooperative threads the
/// server under test needs to answer.
public func fetch(
    port: Int, method: String = "GET", path: String = "/metrics", headers: [String: String] = [:], body: [UInt8] = []
) async throws -> HTTPResponse {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Result { try httpRequest(port: port, method: method, path: path, headers: headers, body: body) })
        }
        thread.start()
    }
}
