import AbsenceWatch
import CoreMetrics

/// The engine's self-metrics (issue 6 item 4): what it received, evaluated, published and
/// answered, as swift-metrics objects named in Prometheus style.
///
/// Every object is created once, here, from the factory given at start (by default the one
/// `MetricsSystem` was bootstrapped with, so a process that bootstraps nothing gets no-op
/// handlers). Labels come from small fixed sets; the only ones made later are the mailbox
/// counters, at most one per command and wire reason.
///
/// The hot path (metrics received, evaluations) is summed in a ``MetricTally`` and reaches the
/// counters at ``flush()``, which the engine loop calls after every turn (at least every
/// 100 ms); rare events (Lua failures, alerts, requests) are counted at once.
///
/// Owned by the engine thread, like ``EngineCore``.
final class EngineMetrics {
    /// Every metric name starts with this.
    static let prefix = "fty_alert_engine_"
    /// Name of the evaluation duration histogram (the exporter gives it microsecond buckets).
    static let evaluationDurationName = prefix + "evaluation_duration_seconds"
    /// One evaluation in this many (on average) is timed: see ``EvaluationSampler``.
    static let evaluationSampleRate = 16

    private let factory: any MetricsFactory
    /// False with the no-op factory: the duration clock is then never read.
    let timesEvaluations: Bool

    private let receivedFromBus: Counter
    private let receivedFromShm: Counter
    let unavailableNotices: Counter
    let luaRuntimeErrors: Counter
    let luaResultErrors: Counter
    let luaUnmappedResults: Counter
    let luaInstructionBudgetStops: Counter
    let luaMemoryBudgetStops: Counter
    let alertsActive: Counter
    let alertsResolved: Counter
    let rulesLoaded: Gauge
    /// Indexed by ``kindIndex(_:)``.
    private let evaluations: [Counter]
    private let evaluationDurations: [Timer]
    private var requests: [RequestKey: Counter] = [:]
    /// `expectations{rung=…}`, created when the engine first expects something (issue 12).
    private var expectationGauges: [AbsenceRung: Gauge] = [:]
    private var sampler = EvaluationSampler(rate: evaluationSampleRate)
    /// Counted since the last flush.
    private var pending = MetricTally()
    private let clock = ContinuousClock()

    private struct RequestKey: Hashable {
        var command: String
        var result: String
    }

    /// The rule kinds that are evaluated and their label (a device threshold never is, §6.3).
    static let evaluatedKinds: [(kind: RuleKind, label: String)] = [
        (.simpleThreshold, "simple_threshold"), (.complexThreshold, "complex_threshold"),
        (.single, "single"), (.pattern, "pattern"),
    ]

    /// Creates every metric object with `factory`.
    init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
        timesEvaluations = !(factory is NOOPMetricsHandler)
        func counter(_ name: String, _ dimensions: [(String, String)] = []) -> Counter {
            Counter(label: Self.prefix + name, dimensions: dimensions, factory: factory)
        }
        receivedFromBus = counter("metrics_received_total", [("input", "bus")])
        receivedFromShm = counter("metrics_received_total", [("input", "shm")])
        unavailableNotices = counter("metric_unavailable_notices_total")
        luaRuntimeErrors = counter("lua_errors_total", [("reason", "runtime")])
        luaResultErrors = counter("lua_errors_total", [("reason", "not_a_number")])
        luaUnmappedResults = counter("lua_errors_total", [("reason", "no_outcome")])
        luaInstructionBudgetStops = counter("lua_budget_stops_total", [("budget", "instructions")])
        luaMemoryBudgetStops = counter("lua_budget_stops_total", [("budget", "memory")])
        alertsActive = counter("alerts_published_total", [("state", AlertState.active.rawValue)])
        alertsResolved = counter("alerts_published_total", [("state", AlertState.resolved.rawValue)])
        rulesLoaded = Gauge(label: Self.prefix + "rules_loaded", factory: factory)
        evaluations = Self.evaluatedKinds.map { counter("evaluations_total", [("kind", $0.label)]) }
        evaluationDurations = Self.evaluatedKinds.map {
            Timer(label: Self.evaluationDurationName, dimensions: [("kind", $0.label)], factory: factory)
        }
    }

    /// Position of `kind` in ``evaluatedKinds``; nil for a device threshold or an expect rule (never evaluated).
    @inline(__always)
    private static func kindIndex(_ kind: RuleKind) -> Int? {
        switch kind {
        case .simpleThreshold: 0
        case .complexThreshold: 1
        case .single: 2
        case .pattern: 3
        case .deviceThreshold, .expect: nil
        }
    }

    // MARK: Hot path

    /// Adds what one metric did; the counters see it at the next ``flush()``.
    @inline(__always)
    func add(_ tally: MetricTally) {
        pending.add(tally)
    }

    /// Hands the sums counted since the last flush to the counters.
    func flush() {
        let tally = pending
        pending = MetricTally()
        func add(_ count: Int, to counter: Counter) {
            if count > 0 { counter.increment(by: count) }
        }
        add(tally.fromBus, to: receivedFromBus)
        add(tally.fromShm, to: receivedFromShm)
        add(tally.simpleThreshold, to: evaluations[0])
        add(tally.complexThreshold, to: evaluations[1])
        add(tally.single, to: evaluations[2])
        add(tally.pattern, to: evaluations[3])
    }

    /// Runs the evaluation `body` of a rule of `kind`, timing one call in
    /// ``evaluationSampleRate`` when a metrics system is bootstrapped (never with no-op handlers).
    ///
    /// Sampling keeps two clock reads and a histogram update off most evaluations (a simple
    /// threshold takes well under a microsecond); the sampler is pseudo-random so that a fixed
    /// cycle of rules cannot always time the same one.
    @inline(__always)
    func timed<Result>(_ kind: RuleKind, _ body: () -> Result) -> Result {
        guard timesEvaluations, let index = Self.kindIndex(kind), sampler.next() else { return body() }
        let start = clock.now
        let result = body()
        let elapsed = (clock.now - start).components
        evaluationDurations[index].recordNanoseconds(elapsed.seconds &* 1_000_000_000 &+ elapsed.attoseconds / 1_000_000_000)
        return result
    }

    // MARK: Lua failures

    /// Counts a failed call of a Lua rule's `main` (D4).
    func countLuaFailure(_ error: LuaEvaluationError) {
        switch error {
        case .runtime: luaRuntimeErrors.increment()
        case .resultIsNotANumber: luaResultErrors.increment()
        case .budgetExceeded(.instructions): luaInstructionBudgetStops.increment()
        case .budgetExceeded(.memory): luaMemoryBudgetStops.increment()
        }
    }

    // MARK: Publications

    /// Counts one alert sent on the bus.
    func countPublished(_ state: AlertState) {
        switch state {
        case .active: alertsActive.increment()
        case .resolved: alertsResolved.increment()
        }
    }

    // MARK: Mailbox

    /// Counts one mailbox request: `command` from a fixed set, `result` `OK`, `IGNORED` (no
    /// reply) or the wire reason of the ERROR reply (a fixed set too, ``RuleError/wireReason``).
    func countRequest(command: String, result: String) {
        let key = RequestKey(command: command, result: result)
        if let counter = requests[key] {
            counter.increment()
            return
        }
        let counter = Counter(
            label: Self.prefix + "mailbox_requests_total", dimensions: [("command", command), ("result", result)],
            factory: factory)
        requests[key] = counter
        counter.increment()
    }

    // MARK: Expected signals (issue 12)

    /// Sets `fty_alert_engine_expectations{rung="normal"|"degraded"|"failed"|"alert-low"|"alert-high"}`
    /// to how many expected topics stand at each rung. The gauges exist from the first call on,
    /// so an engine that expects nothing exports none of them.
    func setExpectationCounts(_ counts: [AbsenceRung: Int]) {
        for rung in AbsenceRung.allCases {
            let gauge = expectationGauges[rung] ?? Gauge(
                label: Self.prefix + "expectations", dimensions: [("rung", rung.name)], factory: factory)
            expectationGauges[rung] = gauge
            gauge.record(counts[rung] ?? 0)
        }
    }
}
