import AlertEngine
import AlertHistory
import Foundation
import Logging

/// Recorder throughput (issue 10: ≥ 50,000 transitions/s): `transitions` observations, each a
/// transition (keys alternate ACTIVE and RESOLVED; the ACTIVE ones carry evidence as our engine's
/// do), enqueued into a ``HistoryWriter`` as fast as one thread can and timed until all are
/// written. Leaves the database filled for ``HistoryQueryWorkload``.
struct RecorderWorkload {
    /// Distinct (rule, element) keys.
    static let keys = 20_000
    /// Distinct rules (elements are `asset-<key>`).
    static let rules = 200

    let store: HistoryStore
    let transitions: Int
    /// The first record's time; the n-th is one millisecond later each.
    let base: Int64

    static let evidence = EvaluationEvidence(
        inputs: [.init(topic: "load@asset", value: 97, unit: "%", time: 1_765_000_000)],
        thresholds: [.init(name: "high_warning", value: "80"), .init(name: "high_critical", value: "90")],
        result: "high_critical", crossed: .init(name: "high_critical", value: "90"))

    /// The `index`-th observation.
    static func observation(_ index: Int, base: Int64) -> ObservedAlert {
        let key = index % keys
        let active = (index / keys) % 2 == 0
        return ObservedAlert(
            time: base + Int64(index), rule: "rule-\(key % rules)", element: "asset-\(key)",
            state: active ? "ACTIVE" : "RESOLVED", severity: active ? (key % 7 == 0 ? "WARNING" : "CRITICAL") : "",
            description: active ? "overload of asset-\(key)" : "ok", actions: active ? ["EMAIL"] : [],
            producer: EngineNames.streamClient, evidence: active ? evidence : nil)
    }

    func run() -> Figure {
        let writer = HistoryWriter(store: store, capacity: transitions, logger: Logger(label: "bench-history"))
        let observations = (0..<transitions).map { Self.observation($0, base: base) }
        let start = ContinuousClock.now
        writer.start()
        for observation in observations { writer.enqueue(observation) }
        writer.flush()
        let elapsed = ContinuousClock.now - start
        writer.stop()
        return Figure(
            label: "recorder", value: Double(writer.recordedCount) / elapsed.seconds, unit: "transitions/s",
            target: .atLeast(50_000),
            detail: String(
                format: "%d transitions written in %.2f s, %d dropped", writer.recordedCount, elapsed.seconds,
                writer.droppedCount))
    }
}
