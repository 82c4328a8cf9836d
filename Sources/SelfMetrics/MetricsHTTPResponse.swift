/// The answer of the self-metrics endpoint to one HTTP/1.x request head: pure, no sockets.
///
/// `GET /metrics` (a query string is ignored) gets 200 with the Prometheus text; another path
/// 404; another method on `/metrics` 405 with `Allow: GET`; a head that is not HTTP 400. Every
/// response closes the connection (`Connection: close`): a scraper asks once every few seconds.
enum MetricsHTTPResponse {
    /// The content type of the text exposition format, version 0.0.4.
    static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// The response bytes for `head` (the request up to its blank line); `metrics` is called only
    /// for a `GET /metrics`.
    static func respond(to head: [UInt8], metrics: () -> [UInt8]) -> [UInt8] {
        let firstLine = head.split(separator: UInt8(ascii: "\n"), maxSplits: 1, omittingEmptySubsequences: false).first ?? []
        let words = String(decoding: firstLine, as: UTF8.self)
            .trimmingSuffix(while: { $0 == "\r" })
            .split(separator: " ", omittingEmptySubsequences: false)
        guard words.count == 3, words[2].hasPrefix("HTTP/1."), !words[0].isEmpty else {
            return response("400 Bad Request", body: Array("not an HTTP/1 request\n".utf8))
        }
        let path = words[1].split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        if path != "/metrics" {
            return response("404 Not Found", body: Array("not found; the metrics are at /metrics\n".utf8))
        }
        if words[0] != "GET" {
            return response("405 Method Not Allowed", headers: ["Allow: GET"], body: Array("only GET is allowed\n".utf8))
        }
        return response("200 OK", contentType: contentType, body: metrics())
    }

    private static func response(
        _ status: String, contentType: String = "text/plain; charset=utf-8", headers: [String] = [], body: [UInt8]
    ) -> [UInt8] {
        let lines =
            ["HTTP/1.1 \(status)", "Content-Type: \(contentType)", "Content-Length: \(body.count)", "Connection: close"]
            + headers
        return Array((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8) + body
    }
}

extension StringProtocol {
    /// The text without the trailing characters that satisfy `predicate`.
    fileprivate func trimmingSuffix(while predicate: (Character) -> Bool) -> Substring {
        var text = self[...]
        while let last = text.last, predicate(last) { text = text.dropLast() }
        return Substring(text)
    }
}
