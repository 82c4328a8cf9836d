import Testing

@testable import SelfMetrics

/// The self-metrics endpoint's answer to a request head, without sockets.
@Suite struct MetricsHTTPResponseTests {
    private func answer(_ head: String) -> (status: String, text: String, askedForMetrics: Bool) {
        var asked = false
        let bytes = MetricsHTTPResponse.respond(to: Array(head.utf8)) {
            asked = true
            return Array("up 1\n".utf8)
        }
        let text = String(decoding: bytes, as: UTF8.self)
        let status = text.split(separator: "\r\n").first.map(String.init) ?? ""
        return (status, text, asked)
    }

    @Test func getMetricsServesTheTextFormatWithItsLength() {
        let reply = answer("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(reply.status == "HTTP/1.1 200 OK")
        #expect(reply.askedForMetrics)
        #expect(reply.text.contains("Content-Type: text/plain; version=0.0.4; charset=utf-8\r\n"))
        #expect(reply.text.contains("Content-Length: 5\r\n"))
        #expect(reply.text.contains("Connection: close\r\n"))
        #expect(reply.text.hasSuffix("\r\n\r\nup 1\n"))
    }

    @Test(arguments: [
        ("GET /metrics?name[]=up HTTP/1.0\r\n\r\n", "HTTP/1.1 200 OK"),
        ("GET / HTTP/1.1\r\n\r\n", "HTTP/1.1 404 Not Found"),
        ("GET /metricsx HTTP/1.1\r\n\r\n", "HTTP/1.1 404 Not Found"),
        ("POST /metrics HTTP/1.1\r\n\r\n", "HTTP/1.1 405 Method Not Allowed"),
        ("HEAD /metrics HTTP/1.1\r\n\r\n", "HTTP/1.1 405 Method Not Allowed"),
        ("\u{1}\u{2} garbage\r\n\r\n", "HTTP/1.1 400 Bad Request"),
        ("GET /metrics\r\n\r\n", "HTTP/1.1 400 Bad Request"),
        ("GET /metrics SPDY/3\r\n\r\n", "HTTP/1.1 400 Bad Request"),
    ])
    func eachRequestGetsItsStatus(head: String, status: String) {
        let reply = answer(head)
        #expect(reply.status == status)
        #expect(reply.askedForMetrics == (status == "HTTP/1.1 200 OK"))
    }

    @Test func methodNotAllowedNamesGet() {
        #expect(answer("PUT /metrics HTTP/1.1\r\n\r\n").text.contains("\r\nAllow: GET\r\n"))
    }
}
