import AlertHistory
import Foundation
import Hummingbird
import NIOCore

/// The few shapes of response the routes give.
enum HTTPReply {
    /// `value` as JSON with the history's one encoding (``HistoryJSON``).
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        do {
            let data = try HistoryJSON.encoder().encode(value)
            return bytes(Array(data), contentType: "application/json", status: status)
        } catch {
            return problem(.internalServerError, "cannot encode the answer: \(error)")
        }
    }

    /// `{"error": reason}` with `status`: the one-line reason a client logs.
    static func problem(_ status: HTTPResponse.Status, _ reason: String, headers: HTTPFields = [:]) -> Response {
        var response = json(Problem(error: reason), status: status)
        for field in headers { response.headers.append(field) }
        return response
    }

    /// Raw bytes with a content type.
    static func bytes(_ body: [UInt8], contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }

    private struct Problem: Encodable {
        var error: String
    }
}
