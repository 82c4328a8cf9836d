import Testing

@testable import AlertEngine

/// The pending (`for`) and flap-damping decisions of `AlertLifecycle`, table-driven on a virtual
/// clock: a series of (time, raw outcome) in, the candidates the tracker gets out.
@Suite struct AlertLifecycleTests {
    /// A raw evaluation: at `time`, `code` (−2 high critical, −1 high warning, 0 ok).
    struct Step: Sendable, CustomTestStringConvertible {
        var time: UInt64
        var code: Int
        var testDescription: String { "\(time)s:\(code)" }
    }

    static func candidate(_ code: Int) -> AlertCandidate {
        switch code {
        case -2: AlertCandidate(element: "e", state: .active, severity: "CRITICAL", description: "hot", actions: [])
        case -1: AlertCandidate(element: "e", state: .active, severity: "WARNING", description: "warm", actions: [])
        default: .resolvedByThreshold(element: "e")
        }
    }

    /// What the tracker gets per step: "C", "W", "OK", "FLAP", or "-" for nothing.
    static func run(_ steps: [Step], policy: LifecyclePolicy) -> [String] {
        var lifecycle = AlertLifecycle()
        return steps.map { step in
            let decision = lifecycle.decide(candidate(step.code), outcome: step.code, policy: policy, now: step.time)
            guard let offered = decision.candidate else { return "-" }
            if offered.description == AlertLifecycle.flappingDescription { return "FLAP" }
            return offered.state == .resolved ? "OK" : String(offered.severity.prefix(1))
        }
    }

    static func steps(_ pairs: [(UInt64, Int)]) -> [Step] { pairs.map { Step(time: $0.0, code: $0.1) } }

    static let pendingCases: [(String, [(UInt64, Int)], [String])] = [
        ("a crossing held for 60 s is published then", [(0, 0), (10, -2), (40, -2), (70, -2)], ["OK", "OK", "OK", "C"]),
        ("a crossing that ends before 60 s publishes nothing", [(0, 0), (10, -2), (40, 0), (80, -2)], ["OK", "OK", "OK", "OK"]),
        ("the first crossing ever waits with nothing to offer", [(0, -2), (30, -2), (60, -2)], ["-", "-", "C"]),
        ("a resolution is published at once", [(0, -2), (60, -2), (61, 0)], ["-", "C", "OK"]),
        ("warning has its own shorter duration", [(0, 0), (1, -1), (11, -1)], ["OK", "OK", "W"]),
        ("a change of severity restarts the wait", [(0, 0), (1, -1), (5, -2), (62, -2), (65, -2)], ["OK", "OK", "OK", "OK", "C"]),
    ]

    @Test(arguments: pendingCases.indices)
    func pendingHoldsACrossingForItsDuration(_ index: Int) {
        let (name, pairs, expected) = Self.pendingCases[index]
        let policy = LifecyclePolicy(criticalFor: 60, warningFor: 10)
        #expect(Self.run(Self.steps(pairs), policy: policy) == expected, "\(name)")
    }

    static let dampingCases: [(String, [(UInt64, Int)], [String])] = [
        ("two changes do not suppress", [(0, 0), (1, -2), (2, 0)], ["OK", "C", "OK"]),
        // Third change within seconds: score ≈ 3000 ≥ 2000 → one flapping alert stands.
        ("the change that reaches suppress is held back", [(0, 0), (1, -2), (2, 0), (3, -2), (4, 0)], ["OK", "C", "OK", "FLAP", "FLAP"]),
        // Score ≈ 4000 at t=4; below 750 needs 4000·2^(−t/900) < 750 → t > 2174 s.
        ("released once the score decays below reuse", [(0, 0), (1, -2), (2, 0), (3, -2), (4, 0), (2000, 0), (2300, 0)], ["OK", "C", "OK", "FLAP", "FLAP", "FLAP", "OK"]),
    ]

    @Test(arguments: dampingCases.indices)
    func dampingHoldsBackChangesOfAFlappingElement(_ index: Int) {
        let (name, pairs, expected) = Self.dampingCases[index]
        let policy = LifecyclePolicy(damping: .defaults)
        #expect(Self.run(Self.steps(pairs), policy: policy) == expected, "\(name)")
    }

    @Test func pendingStatusSaysUntilWhen() {
        var lifecycle = AlertLifecycle()
        let policy = LifecyclePolicy(criticalFor: 60)
        _ = lifecycle.decide(Self.candidate(0), outcome: 0, policy: policy, now: 100)
        let decision = lifecycle.decide(Self.candidate(-2), outcome: -2, policy: policy, now: 110)
        #expect(decision.status == .pending(until: 170))
        #expect(lifecycle.pending?.since == 110)
    }

    @Test func scoreHalvesEveryHalfLife() {
        let damping = FlapDamping.defaults
        #expect(abs(damping.decayed(1000, since: 0, now: 900) - 500) < 1e-9)
        #expect(damping.decayed(1000, since: 10, now: 5) == 1000)
    }
}
