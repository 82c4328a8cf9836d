import Synchronization
import TestSupport
import Testing

@testable import AlertEngine

/// The phase metrics the engine shares with autoconfig's LIST (engine.md §11.7).
@Suite struct MetricPresenceViewTests {
    /// A settable clock the view and the engine share.
    final class Clock: Sendable {
        let seconds = Atomic<UInt64>(1_700_000_000)
        var now: UInt64 { seconds.load(ordering: .relaxed) }
    }

    @Test func theEngineRecordsPhaseMetricsUntilTheyExpireOrArePurged() throws {
        let clock = Clock()
        let view = MetricPresenceView(now: { clock.now })
        let scratch = try ScratchDirectory("presence")
        let core = EngineCore(
            storage: try RuleDirectory(path: scratch.path, logger: CapturedLog().logger), now: { clock.now },
            logger: CapturedLog().logger,
            metricPresence: view)
        for topic in ["realpower.output.L1@rack-1", "voltage.input.L2-N@ups-1", "load.input.L3@epdu-1", "temperature@rack-1"] {
            let parts = topic.split(separator: "@").map(String.init)
            _ = core.handleMetric(quantity: parts[0], asset: parts[1], value: "1", unit: "", ttl: 60, auxTime: nil)
        }
        #expect(view.contains("realpower.output.L1@rack-1"))
        #expect(view.contains("voltage.input.L2-N@ups-1"))
        #expect(view.contains("load.input.L3@epdu-1"))
        #expect(!view.contains("temperature@rack-1"), "only the quantities the Xphase check asks about")
        #expect(!view.contains("realpower.output.L2@rack-1"))

        clock.seconds.store(1_700_000_061, ordering: .relaxed)
        #expect(!view.contains("realpower.output.L1@rack-1"), "expired after its ttl")
        core.purgeMetrics()
        clock.seconds.store(1_700_000_000, ordering: .relaxed)
        #expect(!view.contains("realpower.output.L1@rack-1"), "purged with the engine's cache")
    }
}
