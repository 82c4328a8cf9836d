import Locking
import AbsenceWatch

/// The probes the agent watches: the registry loaded from the probes file, one expectation per
/// probe in an ``ExpectationTracker`` (the ladder of issue 12 item 2), and the alerts waiting to
/// be published. Thread-safe: the HTTP handlers report, register and list; the probe service's
/// thread sweeps, drains the alerts and saves the state.
///
/// The clock is the caller's: every call takes the instant it happens at.
public final class ProbeMonitor: Sendable {
    /// The probes file.
    public let path: String

    private struct State {
        var probes: [String: ProbeDefinition] = [:]
        var byMachine: [String: [String]] = [:]
        var tracker: ExpectationTracker
        var stamp: [Int64]?
        var outbox: [ProbeAlert] = []
        var stateDirty = false
    }

    private let state: Locked<State>

    /// Loads the registry in `path` and the ladders saved beside it; a probe never seen, or just
    /// restored, waits `settle` (nil: one period) before its first period counts as missed.
    ///
    /// - Throws: ``ProbesError/file(path:reason:)`` when a file exists but cannot be read.
    public init(path: String, settle: Duration? = nil, now: AbsenceInstant) throws(ProbesError) {
        self.path = path
        var initial = State(tracker: ExpectationTracker(settle: settle))
        let saved = try ProbesStore.loadState(path)
        initial.stamp = ProbesStore.stamp(path)
        Self.apply(try ProbesStore.load(path), to: &initial, now: now)
        for ladder in saved { initial.tracker.restore(ladder, now: now) }
        state = Locked(initial)
    }

    /// How many probes are registered.
    public var count: Int { state.withLock { $0.probes.count } }

    /// Every probe with its ladder, by name.
    public func list() -> [ProbeStatus] {
        state.withLock { state in
            state.probes.values.sorted { $0.name < $1.name }.map { ProbeStatus($0, expectation: state.tracker[$0.name]) }
        }
    }

    /// Records DeepSentinel's report for `machine` with the request's `token` (nil: no header).
    ///
    /// Each probe of the machine whose token matches is signalled when the report says it
    /// passes (``ProbeDefinition``); a probe back from alert-low or alert-high queues a RESOLVED.
    public func report(machine: String, _ report: ProbeReport, token: String?, now: AbsenceInstant) -> ProbeReportOutcome {
        guard let token, !token.isEmpty else { return .unauthorized }
        let candidates: [ProbeDefinition] = state.withLock { state in
            (state.byMachine[machine] ?? []).compactMap { state.probes[$0] }
        }
        guard !candidates.isEmpty else { return .unknownMachine }
        // Hashing outside the lock: the flood of reports does not serialise on SHA-256.
        let owned = candidates.filter { $0.token.matches(token) }
        guard !owned.isEmpty else { return .unauthorized }
        let passing = owned.filter { probe in
            if let service = probe.service { return report.services[service] == "pass" }
            return report.machineStatus == nil || report.machineStatus == "pass"
        }
        state.withLock { state in
            for probe in passing {
                let transition = state.tracker.signal(id: probe.name, at: now)
                state.stateDirty = true
                if let transition, let publication = transition.publication {
                    state.outbox.append(
                        ProbeAlert(probe: probe, publication: publication, from: transition.from, misses: 0, time: now))
                }
            }
        }
        return .recorded(passing.count)
    }

    /// Registers a probe in the probes file and starts watching it; returns it with its token.
    public func register(_ registration: ProbeRegistration, now: AbsenceInstant) throws(ProbesError) -> (
        definition: ProbeDefinition, token: String
    ) {
        let added = try ProbesStore.add(registration, to: path)
        try reload(now: now, force: true)
        return added
    }

    /// Removes the probes `matching` selects from the probes file (a RESOLVED is queued for one
    /// that was alerting); returns them.
    @discardableResult
    public func unregister(now: AbsenceInstant, where matching: (ProbeDefinition) -> Bool) throws(ProbesError)
        -> [ProbeDefinition]
    {
        let removed = try ProbesStore.remove(from: path, where: matching)
        try reload(now: now, force: true)
        return removed
    }

    /// Re-reads the probes file when it changed on disk (`probes add|remove` while running).
    public func reload(now: AbsenceInstant, force: Bool = false) throws(ProbesError) {
        let stamp = ProbesStore.stamp(path)
        guard force || stamp != state.withLock({ $0.stamp }) else { return }
        let probes = try ProbesStore.load(path)
        state.withLock { state in
            state.stamp = stamp
            Self.apply(probes, to: &state, now: now)
        }
    }

    /// Counts the periods missed by `now` and queues the alerts of the rungs reached.
    public func sweep(now: AbsenceInstant) {
        state.withLock { state in
            let transitions = state.tracker.sweep(now: now)
            if !transitions.isEmpty { state.stateDirty = true }
            for transition in transitions {
                guard let publication = transition.publication, let probe = state.probes[transition.id] else { continue }
                let misses = state.tracker[transition.id]?.misses ?? 0
                state.outbox.append(
                    ProbeAlert(probe: probe, publication: publication, from: transition.from, misses: misses, time: now))
            }
        }
    }

    /// The alerts queued since the last call, oldest first.
    public func takeAlerts() -> [ProbeAlert] {
        state.withLock { state in
            defer { state.outbox.removeAll(keepingCapacity: true) }
            return state.outbox
        }
    }

    /// Writes the ladders beside the probes file when they changed since the last save.
    public func saveState() throws(ProbesError) {
        let ladders: [SavedLadder]? = state.withLock { state in
            guard state.stateDirty else { return nil }
            state.stateDirty = false
            return state.tracker.saved
        }
        guard let ladders else { return }
        do {
            try ProbesStore.saveState(ladders, for: path)
        } catch {
            state.withLock { $0.stateDirty = true }
            throw error
        }
    }

    /// Makes the tracked set match `probes`: new ones expected, changed ones updated, removed
    /// ones stopped (queuing RESOLVED for one that was alerting).
    private static func apply(_ probes: [ProbeDefinition], to state: inout State, now: AbsenceInstant) {
        let incoming = Dictionary(uniqueKeysWithValues: probes.map { ($0.name, $0) })
        for (name, old) in state.probes where incoming[name] == nil {
            if let transition = state.tracker.stop(id: name), let publication = transition.publication {
                state.outbox.append(ProbeAlert(probe: old, publication: publication, from: transition.from, misses: 0, time: now))
            }
            state.stateDirty = true
        }
        for probe in probes {
            state.tracker.expect(id: probe.name, period: probe.period, thresholds: probe.ladder, now: now)
        }
        state.probes = incoming
        state.byMachine = Dictionary(grouping: probes.map(\.name)) { incoming[$0]!.machine }
    }
}
