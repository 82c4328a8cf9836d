import Locking
import AgentHTTP
import AlertHistory
import Foundation
import Logging
import Prometheus
import SelfMetrics

#if canImport(Glibc)
import Glibc
#endif

/// Webhook ingest (issue 10: ≥ 2,000 requests/s of 10 alerts each): the real listener and a
/// real history database in this process, loaded by `connections` keep-alive HTTP/1.1 clients
/// on threads of their own over loopback TCP.
///
/// Each request is a fresh batch of 10 alerts (new fingerprints, alternating firing and
/// resolved per round), so every request is one transaction that records 10 changes.
enum WebhookIngestWorkload {
    static func run(requests: Int, connections: Int, directory: String) async throws -> Figure {
        let history = try HistoryStore(path: directory + "/webhook-bench.db")
        let listener = try await HTTPListener.start(
            settings: HTTPSettings(listen: ListenAddress(host: "127.0.0.1", port: 0)),
            services: HTTPServices(registry: PrometheusCollectorRegistry(), history: history),
            logger: Logger(label: "bench"))
        let port = listener.port
        let perConnection = max(1, requests / connections)
        let failures = Failures()
        let start = ContinuousClock.now
        // The clients block on their sockets: they run on threads of their own, never on the
        // concurrency pool the listener's handlers need (on 2 cores it has 2 threads).
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            let remaining = Locked(connections)
            for connection in 0..<connections {
                Thread.detachNewThread {
                    do {
                        try post(port: port, connection: connection, count: perConnection)
                    } catch {
                        failures.add("\(error)")
                    }
                    if remaining.withLock({ $0 -= 1; return $0 }) == 0 { done.resume() }
                }
            }
        }
        let elapsed = ContinuousClock.now - start
        await listener.stop()
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let sent = perConnection * connections
        var detail = "\(sent) requests × 10 alerts over \(connections) connections in \(String(format: "%.2f", seconds)) s"
        if let failure = failures.first { detail += "; FAILED: \(failure)" }
        return Figure(label: "webhook ingest", value: Double(sent) / seconds, unit: "requests/s", target: .atLeast(2_000), detail: detail)
    }

    /// One keep-alive connection posting `count` batches, each answer read before the next.
    private static func post(port: Int, connection: Int, count: Int) throws {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw BenchmarkError("socket: errno \(errno)") }
        defer { close(descriptor) }
        var one: Int32 = 1
        setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw BenchmarkError("connect: errno \(errno)") }
        var buffer = [UInt8](repeating: 0, count: 65536)
        var pending: [UInt8] = []
        for request in 0..<count {
            let status = request % 2 == 0 ? "firing" : "resolved"
            let alerts = (0..<10).map { index in
                #"{"status":"\#(status)","labels":{"alertname":"Bench","instance":"c\#(connection)-\#(index)","severity":"warning"},"annotations":{"summary":"bench"},"startsAt":"2026-12-06T10:00:00Z","endsAt":"2026-12-06T10:\#(String(format: "%02d", request % 60)):00Z","generatorURL":"","fingerprint":"c\#(connection)-\#(index)-\#(request / 2)"}"#
            }
            let body = Array((#"{"version":"4","status":"firing","alerts":["# + alerts.joined(separator: ",") + "]}").utf8)
            let head = "POST /logs/bench HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: \(body.count)\r\n\r\n"
            let message = Array(head.utf8) + body
            var sent = 0
            while sent < message.count {
                let written = message[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard written > 0 else { throw BenchmarkError("send: errno \(errno)") }
                sent += written
            }
            // Read one response: headers, then Content-Length bytes.
            while true {
                if let end = pending.firstRange(of: Array("\r\n\r\n".utf8)) {
                    let header = String(decoding: pending[..<end.lowerBound], as: UTF8.self)
                    guard header.hasPrefix("HTTP/1.1 200") else { throw BenchmarkError("answer: \(header.prefix(80))") }
                    let length = header.split(separator: "\r\n")
                        .first { $0.lowercased().hasPrefix("content-length:") }
                        .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
                    if pending.count >= end.upperBound + length {
                        pending.removeFirst(end.upperBound + length)
                        break
                    }
                }
                let received = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
                guard received > 0 else { throw BenchmarkError("recv: errno \(errno)") }
                pending += buffer[0..<received]
            }
        }
    }

    /// The first failure of any connection.
    private final class Failures: Sendable {
        private let lock = Locked<String?>(nil)
        func add(_ text: String) { lock.withLock { $0 = $0 ?? text } }
        var first: String? { lock.withLock { $0 } }
    }
}
