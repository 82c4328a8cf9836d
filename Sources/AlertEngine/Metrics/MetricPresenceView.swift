import Locking
import Glibc

/// The phase metrics the engine holds, readable from any thread.
///
/// Autoconfig's LIST reply decides its device lists with the engine's Xphase check (engine.md
/// §11.7, §9.4 step 3); for a rack or a datacenter that check looks only at whether the three
/// phase metrics are present, and those live in the engine's cache on the engine's thread. The
/// engine records here just the quantities the check asks about (`realpower.output.L…`,
/// `voltage.input.L…`, `load.input.L…`), so the cost on the metric path is a prefix test.
public final class MetricPresenceView: Sendable {
    private let metrics = Locked<[String: CachedMetric]>([:])
    private let now: @Sendable () -> UInt64

    /// Creates an empty view; `now` is the clock metrics expire by (UNIX seconds, as the engine's).
    public init(now: @escaping @Sendable () -> UInt64 = { UInt64(max(0, time(nil))) }) {
        self.now = now
    }

    /// Whether a valid (unexpired) metric of `topic` was seen; false for untracked quantities.
    public func contains(_ topic: String) -> Bool {
        let time = now()
        return metrics.withLock { $0[topic].map { !$0.isExpired(now: time) } ?? false }
    }

    /// Whether the Xphase check can ask about `quantity`: only those are recorded.
    public static func tracks(quantity: String) -> Bool {
        XphaseCheck.phaseQuantityPrefixes.contains { quantity.utf8.starts(with: $0.utf8) }
    }

    /// Records the latest reading of `topic` (a tracked quantity).
    func record(_ metric: CachedMetric, topic: String) {
        metrics.withLock { $0[topic] = metric }
    }

    /// Forgets topics the engine purged.
    func forget(_ topics: [String]) {
        metrics.withLock { metrics in
            for topic in topics { metrics[topic] = nil }
        }
    }
}
