import AlertHistory
import Foundation

/// Filtered history queries over the filled database (issue 10: p99 < 20 ms over 1,000,000
/// transitions): `queries` queries of a page of 100, cycling through the filters an operator
/// uses — an element, a rule, a rule since 2 h, an element and a state, a rule and a severity —
/// with keys spread over the whole set, each timed from call to page.
struct HistoryQueryWorkload {
    let store: HistoryStore
    let queries: Int
    /// The newest record's time (the `since` filters count back from it).
    let newest: Int64

    func run() async throws -> (samples: LatencySamples, matched: Int) {
        var generator = SystemRandomNumberGenerator()
        var micros: [Double] = []
        var matched = 0
        for index in 0..<queries {
            let key = Int.random(in: 0..<RecorderWorkload.keys, using: &generator)
            let rule = "rule-\(key % RecorderWorkload.rules)"
            let query: HistoryQuery
            switch index % 5 {
            case 0: query = HistoryQuery(element: "asset-\(key)")
            case 1: query = HistoryQuery(rule: rule)
            case 2: query = HistoryQuery(rule: rule, since: newest - 7_200_000)
            case 3: query = HistoryQuery(element: "asset-\(key)", state: "ACTIVE")
            default: query = HistoryQuery(rule: rule, severity: "WARNING")
            }
            let start = ContinuousClock.now
            let page = try await store.history(query)
            micros.append((ContinuousClock.now - start).seconds * 1e6)
            matched += page.records.count
        }
        return (LatencySamples(micros: micros), matched)
    }
}
