import AlertHistory
import Hummingbird
import HummingbirdAuth
import Logging
import NIOCore

/// `POST /<base>/<partition>`: the Alertmanager webhook receiver (issue 10 item 6, the job of
/// SeS, integrations.md §1–§2).
///
/// In order: credentials (401 with `WWW-Authenticate`), the body's size (413), its shape (400
/// with a one-line reason), then one transaction in the history (503 when the store is off or
/// fails: Alertmanager retries a 5xx, and nothing of the batch was recorded). 200 answers
/// `{"recorded": N}` with the number of changes recorded.
struct WebhookRoute: Sendable {
    let settings: WebhookSettings
    let services: HTTPServices
    let logger: Logger

    func add(to router: Router<BasicRequestContext>) {
        router.post(RouterPath("\(settings.basePath)/:partition")) { request, context in
            try await handle(request, context: context)
        }
    }

    private func handle(_ request: Request, context: BasicRequestContext) async throws -> Response {
        if case .basic(let user, let password) = settings.authentication {
            let given = request.headers.basic
            // Both compared whole, in constant time, whatever the first one says.
            let userMatches = ConstantTime.equal(given?.username ?? "", user)
            let passwordMatches = ConstantTime.equal(given?.password ?? "", password)
            guard given != nil, userMatches, passwordMatches else {
                logger.warning("webhook: refused a request with wrong or missing credentials", metadata: ["path": "\(request.uri.path)"])
                var headers = HTTPFields()
                headers[.wwwAuthenticate] = #"Basic realm="fty-alert-engine", charset="UTF-8""#
                return HTTPReply.problem(.unauthorized, "authentication required", headers: headers)
            }
        }
        let partition = context.parameters.get("partition") ?? ""
        var body: [UInt8] = []
        do {
            for try await buffer in request.body {
                guard body.count + buffer.readableBytes <= settings.maxBodyBytes else {
                    return HTTPReply.problem(.contentTooLarge, "body larger than \(settings.maxBodyBytes) bytes")
                }
                body.append(contentsOf: buffer.readableBytesView)
            }
        }
        let payload: WebhookPayload
        do {
            payload = try WebhookPayload.decode(body)
        } catch {
            logger.warning("webhook: refused a batch: \(error)", metadata: ["partition": "\(partition)"])
            return HTTPReply.problem(.badRequest, "\(error)")
        }
        guard let history = services.history else { return HistoryRoutes.historyOff }
        let recorded: [HistoryRecord]
        do {
            recorded = try await history.applyWebhook(partition: partition, alerts: payload.alerts, mapping: settings.mapping)
        } catch {
            logger.error("webhook: could not record a batch: \(error)", metadata: ["partition": "\(partition)"])
            return HTTPReply.problem(.serviceUnavailable, "history unavailable: \(error)")
        }
        if !recorded.isEmpty { services.publishWebhookChanges?(recorded) }
        logger.debug(
            "webhook: \(payload.alerts.count) alerts, \(recorded.count) changes recorded", metadata: ["partition": "\(partition)"])
        return HTTPReply.json(Accepted(recorded: recorded.count))
    }

    private struct Accepted: Encodable {
        var recorded: Int
    }
}
