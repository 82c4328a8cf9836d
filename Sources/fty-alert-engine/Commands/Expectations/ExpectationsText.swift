import AbsenceWatch
import AlertEngine
import Foundation

/// How `expectations` shows its report to a person: aligned columns, then the rung counts.
enum ExpectationsText {
    /// The header of the table.
    static let header = ["TOPIC", "RUNG", "MISSED", "PERIOD", "LADDER", "LAST ARRIVAL"]

    /// One row per expectation (none when there is none), then
    /// `N expected: normal N, degraded N, failed N, alert-low N, alert-high N`.
    static func lines(of report: ExpectationsReport) -> [String] {
        var table = ColumnTable(header: header)
        for entry in report.expectations {
            table.rows.append([
                entry.topic, entry.rung, String(entry.misses), PeriodText.format(milliseconds: entry.periodMilliseconds),
                entry.ladder.map(String.init).joined(separator: ","), lastArrival(entry.lastArrival),
            ])
        }
        let total = report.counts.values.reduce(0, +)
        let counts = AbsenceRung.allCases.map { "\($0.name) \(report.counts[$0.name] ?? 0)" }.joined(separator: ", ")
        return (report.expectations.isEmpty ? [] : table.lines) + ["\(total) expected: \(counts)"]
    }

    /// The last arrival in ISO-8601 UTC with milliseconds, `never` when none was seen.
    static func lastArrival(_ milliseconds: Int64?) -> String {
        guard let milliseconds else { return "never" }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(milliseconds) / 1000))
    }
}
