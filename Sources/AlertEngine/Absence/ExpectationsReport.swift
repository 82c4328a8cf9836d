import AbsenceWatch
import Foundation

/// Every expected signal of the engine, its last arrival and its rung (issue 12 item 5): what
/// `fty-alert-engine expectations` prints and `GET /api/v1/expectations` serves.
///
/// JSON (keys sorted): `{"counts": {"normal": N, "degraded": N, …}, "expectations": [Entry…]}`,
/// entries sorted by topic. `counts` counts every expectation, whatever the filter.
public struct ExpectationsReport: Sendable, Codable, Equatable {
    /// One expected topic.
    public struct Entry: Sendable, Codable, Equatable {
        /// The topic `quantity@asset`.
        public var topic: String
        /// The rung's name (``AbsenceRung/name``: `normal`, `degraded`, `failed`, `alert-low`, `alert-high`).
        public var rung: String
        /// Consecutive missed periods since the last arrival (or since the expectation began).
        public var misses: Int
        /// The expected period in milliseconds.
        public var periodMilliseconds: Int64
        /// The last arrival in milliseconds since the epoch; nil when none was seen.
        public var lastArrival: Int64?
        /// The ladder counts in force: degraded→failed, failed→alert-low, alert-low→alert-high.
        public var ladder: [Int]

        enum CodingKeys: String, CodingKey {
            case topic, rung, misses, ladder
            case periodMilliseconds = "period_ms"
            case lastArrival = "last_arrival_ms"
        }

        /// Creates an entry.
        public init(topic: String, rung: String, misses: Int, periodMilliseconds: Int64, lastArrival: Int64?, ladder: [Int]) {
            self.topic = topic
            self.rung = rung
            self.misses = misses
            self.periodMilliseconds = periodMilliseconds
            self.lastArrival = lastArrival
            self.ladder = ladder
        }

        /// The entry of `expectation`.
        public init(_ expectation: Expectation) {
            let thresholds = expectation.thresholds
            self.init(
                topic: expectation.id, rung: expectation.rung.name, misses: expectation.misses,
                periodMilliseconds: expectation.period.wholeMilliseconds, lastArrival: expectation.lastSignal?.milliseconds,
                ladder: [thresholds.degradedToFailed, thresholds.failedToAlertLow, thresholds.alertLowToAlertHigh])
        }
    }

    /// How many expectations stand at each rung, every rung named (zero included).
    public var counts: [String: Int]
    /// The expectations (only those at the asked rung when filtered), sorted by topic.
    public var expectations: [Entry]

    /// Creates a report.
    public init(counts: [String: Int], expectations: [Entry]) {
        self.counts = counts
        self.expectations = expectations
    }

    /// The report of `tracker`: every expectation, or only those at `rung` when given.
    public init(_ tracker: ExpectationTracker, rung: AbsenceRung? = nil) {
        var counts: [String: Int] = [:]
        for (stage, count) in tracker.rungCounts { counts[stage.name] = count }
        let entries = tracker.expectations
            .filter { rung == nil || $0.rung == rung }
            .map(Entry.init)
            .sorted { $0.topic.utf8.lexicographicallyPrecedes($1.topic.utf8) }
        self.init(counts: counts, expectations: entries)
    }

    /// The report of an engine that expects nothing.
    public static let empty = ExpectationsReport(ExpectationTracker())

    /// The report's JSON (compact, keys sorted): the mailbox reply and the HTTP body.
    public static func json(_ report: ExpectationsReport) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Array(try encoder.encode(report))
    }
}
