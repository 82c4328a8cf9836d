import AlertHistory
import Hummingbird
import HummingbirdCore

/// `GET /`: the status page (``StatusPage``). Query: `sort` (a column), `dir` (`asc`/`desc`),
/// and `rule` + `element` + `range` (`24h` or `7d`) for a timeline.
struct StatusPageRoute: Sendable {
    let services: HTTPServices
    let refreshSeconds: Int

    /// The most transitions one timeline draws.
    static let timelineLimit = 1000

    func add(to router: Router<BasicRequestContext>) {
        router.get("/") { request, _ in
            HTTPReply.bytes(Array(await page(request.uri.queryParameters).render().utf8), contentType: "text/html; charset=utf-8")
        }
    }

    private func page(_ parameters: FlatDictionary<Substring, Substring>) async -> StatusPage {
        let now = services.nowMilliseconds()
        let sort = parameters["sort"].flatMap { StatusPage.Column(rawValue: String($0)) } ?? .severity
        var page = StatusPage(
            alerts: [], sort: sort, descending: parameters["dir"] == "desc", refreshSeconds: refreshSeconds, now: now)
        guard let history = services.history else {
            page.notice = "The history is off (--history off): no alerts to show."
            return page
        }
        do {
            page.alerts = try await history.activeAlerts()
            if let rule = parameters["rule"].map(String.init), let element = parameters["element"].map(String.init) {
                let range = parameters["range"] == "7d" ? "7d" : "24h"
                let from = now - (TimeArgument.ageMilliseconds(range) ?? 0)
                var inside = HistoryQuery()
                (inside.rule, inside.element, inside.since, inside.until) = (rule, element, from, now)
                inside.limit = Self.timelineLimit
                let records = try await history.history(inside).records.reversed()
                var previous = HistoryQuery()
                (previous.rule, previous.element, previous.until, previous.limit) = (rule, element, from - 1, 1)
                let before = try await history.history(previous).records.first
                page.timeline = StatusPage.Timeline(
                    rule: rule, element: element, range: range,
                    svg: TimelineSVG(from: from, to: now, before: before, records: Array(records)))
            }
        } catch {
            page.notice = "The history is unavailable: \(error)"
        }
        return page
    }
}
