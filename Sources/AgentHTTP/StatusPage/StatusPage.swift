import AlertHistory

/// The status page at `/` (issue 10 item 7): the active alerts as a table that sorts by any
/// column (links, no script), and for a chosen rule and element a timeline of its states over
/// the last 24 hours or 7 days. Server-rendered; it reloads itself every `refreshSeconds`.
struct StatusPage {
    /// The column the table is sorted by.
    enum Column: String, CaseIterable {
        case severity, rule, element, state, since
        case lastChange = "last_change"

        var title: String {
            switch self {
            case .severity: "Severity"
            case .rule: "Rule"
            case .element: "Element"
            case .state: "State"
            case .since: "Since"
            case .lastChange: "Last change"
            }
        }
    }

    /// The chosen rule and element, with its window and transitions.
    struct Timeline {
        var rule: String
        var element: String
        var range: String
        var svg: TimelineSVG
    }

    var alerts: [ActiveAlert]
    var sort: Column
    var descending: Bool
    var refreshSeconds: Int
    var now: Int64
    var timeline: Timeline?
    /// Set when the history is off or failed: shown instead of the table.
    var notice: String?

    /// The whole document.
    func render() -> String {
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <meta http-equiv="refresh" content="\(refreshSeconds)">
            <title>fty-alert-engine: \(alerts.count) active alerts</title>
            <style>
            body{font-family:sans-serif;margin:1.5em;color:#222}
            table{border-collapse:collapse;width:100%}th,td{padding:.3em .6em;border-bottom:1px solid #ddd;text-align:left}
            th a{color:inherit}td.sev{color:#fff;font-weight:bold}
            .sev-critical td.sev{background:#c62828}.sev-warning td.sev{background:#ef6c00}
            .sev-info td.sev{background:#1565c0}.sev-ack td.sev{background:#6a4c93}.sev-ok td.sev{background:#2e7d32}
            .notice{padding:.6em;background:#fff3e0}
            </style></head><body>
            <h1>fty-alert-engine</h1>
            <p>\(alerts.count) active alerts at \(RFC3339.string(milliseconds: now)); this page reloads every \(refreshSeconds) s.</p>

            """
        if let notice { html += #"<p class="notice">\#(HTMLText.escape(notice))</p>"# + "\n" }
        html += table()
        if let timeline { html += section(timeline) }
        return html + "</body></html>\n"
    }

    private func table() -> String {
        var html = #"<table id="active-alerts"><thead><tr>"#
        for column in Column.allCases {
            let flip = column == sort && !descending
            let arrow = column == sort ? (descending ? " ▼" : " ▲") : ""
            html += #"<th><a href="/?sort=\#(column.rawValue)&amp;dir=\#(flip ? "desc" : "asc")">\#(column.title)\#(arrow)</a></th>"#
        }
        html += "<th>Description</th><th>Producer</th></tr></thead><tbody>\n"
        for alert in sorted() {
            let color = StatusColor.of(state: alert.state, severity: alert.severity)
            let link = "/?rule=\(HTMLText.queryValue(alert.rule))&amp;element=\(HTMLText.queryValue(alert.element))&amp;range=24h"
            html += #"<tr class="alert sev-\#(color.name)" data-rule="\#(HTMLText.escape(alert.rule))" data-element="\#(HTMLText.escape(alert.element))">"#
            html += #"<td class="sev">\#(HTMLText.escape(alert.severity))</td>"#
            html += #"<td><a href="\#(link)">\#(HTMLText.escape(alert.rule))</a></td>"#
            html += "<td>\(HTMLText.escape(alert.element))</td><td>\(HTMLText.escape(alert.state))</td>"
            html += "<td>\(RFC3339.string(milliseconds: alert.since))</td><td>\(RFC3339.string(milliseconds: alert.lastChange))</td>"
            html += "<td>\(HTMLText.escape(alert.description))</td><td>\(HTMLText.escape(alert.producer))</td></tr>\n"
        }
        return html + "</tbody></table>\n"
    }

    private func sorted() -> [ActiveAlert] {
        let ascending = alerts.sorted { a, b in
            func key(_ alert: ActiveAlert) -> (String, String, String) {
                switch sort {
                case .severity: (String(StatusColor.rank(alert.severity)), alert.rule, alert.element)
                case .rule: (alert.rule, alert.element, "")
                case .element: (alert.element, alert.rule, "")
                case .state: (alert.state, alert.rule, alert.element)
                case .since: (RFC3339.string(milliseconds: alert.since), alert.rule, alert.element)
                case .lastChange: (RFC3339.string(milliseconds: alert.lastChange), alert.rule, alert.element)
                }
            }
            return key(a) < key(b)
        }
        return descending ? ascending.reversed() : ascending
    }

    private func section(_ timeline: Timeline) -> String {
        let rule = HTMLText.queryValue(timeline.rule)
        let element = HTMLText.queryValue(timeline.element)
        var html = #"<h2 id="timeline-title">\#(HTMLText.escape(timeline.rule)) on \#(HTMLText.escape(timeline.element))</h2><p>"#
        for range in ["24h", "7d"] {
            html += range == timeline.range
                ? "<strong>\(range)</strong> "
                : #"<a href="/?rule=\#(rule)&amp;element=\#(element)&amp;range=\#(range)">\#(range)</a> "#
        }
        html += "</p>" + timeline.svg.render() + "\n"
        html += #"<table id="transitions"><thead><tr><th>Time</th><th>Transition</th><th>State</th><th>Severity</th><th>Description</th></tr></thead><tbody>"#
        for record in timeline.svg.records.reversed() {
            html += "<tr><td>\(RFC3339.string(milliseconds: record.time))</td><td>\(record.kind.rawValue)</td>"
            html += "<td>\(HTMLText.escape(record.state))</td><td>\(HTMLText.escape(record.severity))</td>"
            html += "<td>\(HTMLText.escape(record.description))</td></tr>"
        }
        return html + "</tbody></table>\n"
    }
}
