import AlertHistory
import Hummingbird

/// `GET /api/v1/alerts` and `GET /api/v1/history` (issue 10 item 4): the same answers as the
/// `alerts` and `history --json` commands.
///
/// History filters are query parameters: `rule`, `element`, `state`, `severity`, `partition`
/// (exact), `since` and `until` (``TimeArgument``), `limit` (1…1000, default 100) and `cursor`
/// (the `next_cursor` of the page before). A bad parameter is answered 400 naming it.
enum HistoryRoutes {
    static func add(to router: Router<BasicRequestContext>, services: HTTPServices) {
        router.get("api/v1/alerts") { _, _ in
            guard let history = services.history else { return historyOff }
            do {
                return HTTPReply.json(ActiveAlertList(alerts: try await history.activeAlerts()))
            } catch {
                return HTTPReply.problem(.serviceUnavailable, "history unavailable: \(error)")
            }
        }
        router.get("api/v1/history") { request, _ in
            guard let history = services.history else { return historyOff }
            let query: HistoryQuery
            do {
                query = try HistoryQueryParameters.query(request.uri.queryParameters, now: services.nowMilliseconds())
            } catch {
                return HTTPReply.problem(.badRequest, "\(error)")
            }
            do {
                return HTTPReply.json(try await history.history(query))
            } catch {
                return HTTPReply.problem(.serviceUnavailable, "history unavailable: \(error)")
            }
        }
    }

    static var historyOff: Response { HTTPReply.problem(.serviceUnavailable, "history is off (--history off)") }
}
