import AbsenceWatch
import CoreMetrics
import FtyProto
import Logging

/// The alert engine between the bus and the rules: rule store, metric cache, evaluation,
/// alert state and the `rfc-evaluator-rules` mailbox (engine.md §5–§10, decisions.md D1–D6).
///
/// Owned by the engine thread: not Sendable, every call runs to completion. It performs no
/// socket I/O; it returns what to publish and what to reply, and the shell sends it. Files are
/// written through the injected `RuleStorage`, the wall clock is `now`, the fty-shm presence
/// and the autoconfig asset cache come in as closures.
public final class EngineCore {
    /// Reads rules and writes rule files.
    let storage: any RuleStorage
    /// Wall-clock UNIX seconds (ALERT `time`, metric timestamps, D2 spacing).
    let now: () -> UInt64
    /// Variable so that a mailbox request's lines carry its client (see `handleRequest`).
    var logger: Logger
    /// Whether fty-shm holds a valid metric of a topic (the Xphase fallback, §9.4 step 3, D2).
    let shmHasMetric: (String) -> Bool
    /// The autoconfig cache entry (ext attributes) of an asset, nil if unknown (§9.4 step 3).
    let assetInfo: (String) -> [String: String]?
    /// Phase metrics shared with autoconfig's LIST (engine.md §11.7); nil when nobody reads them.
    let metricPresence: MetricPresenceView?
    /// Budgets of every Lua rule (D4).
    let luaLimits: LuaLimits
    /// Which rule kinds parse: the original's, or also `expect` (`--expect-rules`, issue 12).
    let dialect: RuleDialect
    /// The `audit/alarms` logger of engine.md §13 when it takes DEBUG lines, else nil (the
    /// per-evaluation lines are then not even built).
    let audit: Logger?
    /// Self-metrics: counts and evaluation durations (issue 6 item 4).
    let selfMetrics: EngineMetrics

    /// The alert state journal (issue 13), nil when off: see ``restore(from:)``.
    var stateJournal: StateJournal?
    /// Told of crossings that start pending, with their evidence (the alert history); nil, the
    /// default, builds no evidence.
    public var alertObserver: (any AlertObserver)?
    /// When the simple-threshold shortcut last decided for each rule id (`why`): the one thing
    /// the fast path records.
    var shortcutEvaluatedAt = ContiguousArray<UInt64>()

    /// The loaded rules and their index.
    var store = RuleStore()
    /// The last value of every metric topic (§5.1).
    public private(set) var metrics = MetricCache()
    /// The index lookup of each metric-cache slot's topic, kept while the slot's generation and
    /// the index's version are those it was made with: a topic's rules change only when rules
    /// do, and metrics of a topic arrive again and again.
    private var topicRules: [TopicRules?] = []
    /// Per rule id, what decides without the rule object that a simple threshold publishes
    /// nothing (see `SimpleThresholdShortcut`); grown as ids are seen.
    var shortcuts = ContiguousArray<SimpleThresholdShortcut>()

    private struct TopicRules {
        var slot: MetricCache.Handle
        var indexVersion: UInt64
        /// Whether the quantity was the warranty one: `a@b` + `c` and `a` + `b@c` share a topic.
        var warranty: Bool
        var rules: [Int]
    }

    /// Creates an engine with no rules; call `load` with the start-up listing.
    ///
    /// - Parameters:
    ///   - storage: the rules directory (a `RuleDirectory`).
    ///   - now: wall-clock UNIX seconds.
    ///   - shmHasMetric: whether fty-shm has a valid metric of a topic; `{ _ in false }` when the
    ///     shm input is off.
    ///   - assetInfo: the autoconfig asset cache; `{ _ in nil }` until it exists.
    ///   - audit: the `audit/alarms` logger (engine.md §13): one DEBUG line per Lua evaluation.
    ///     §13 has them at INFO; one per metric a Lua rule takes would flood the journal, so they
    ///     are DEBUG here and the INFO lines of this logger are the alert transitions (logged by
    ///     the server as it publishes).
    ///   - dialect: whether the `expect` kind of issue 12 parses (`.original`: it does not, and
    ///     the mailbox answers as the original does).
    ///   - metricsFactory: where the self-metrics go; by default the factory `MetricsSystem` was
    ///     bootstrapped with when the engine is created (none: no-op).
    public init(
        storage: any RuleStorage, now: @escaping () -> UInt64, logger: Logger,
        shmHasMetric: @escaping (String) -> Bool = { _ in false },
        assetInfo: @escaping (String) -> [String: String]? = { _ in nil },
        luaLimits: LuaLimits = .default, dialect: RuleDialect = .original, audit: Logger? = nil,
        metricsFactory: any MetricsFactory = MetricsSystem.factory, metricPresence: MetricPresenceView? = nil
    ) {
        self.storage = storage
        self.now = now
        self.logger = logger
        self.shmHasMetric = shmHasMetric
        self.assetInfo = assetInfo
        self.metricPresence = metricPresence
        self.luaLimits = luaLimits
        self.dialect = dialect
        self.audit = audit.flatMap { $0.logLevel <= .debug ? $0 : nil }
        selfMetrics = EngineMetrics(factory: metricsFactory)
        audit?.info("Audit logger initialization (fty-alert-engine)")
    }

    // MARK: Accessors

    /// Number of loaded rules.
    public var ruleCount: Int { store.count }

    /// Names of the loaded rules, in insertion order.
    public var ruleNames: [String] { store.ids.compactMap { store[$0]?.rule.name } }

    /// The rule named exactly `name`.
    public func rule(named name: String) -> Rule? { store.id(named: name).flatMap { store[$0]?.rule } }

    /// The cached alert of rule `name` for `element` (diagnostics, tests).
    public func cachedAlert(rule name: String, element: String) -> CachedAlert? {
        store.id(named: name).flatMap { store[$0]?.tracker.cachedAlert(forElement: element) }
    }

    // MARK: Start-up (engine.md §10.2)

    /// Loads the rules of the start-up listing; invalid files are logged, skipped, left alone (D6).
    ///
    /// Per file in listing order: parse and compile (BAD_JSON/BAD_LUA → skip); the file name
    /// without `.rule` must utf8eq the rule name; a name already loaded is skipped. The sensor
    /// and Xphase refusals do not apply. Nothing is written.
    @discardableResult
    public func load(_ listing: RuleDirectoryListing) -> LoadReport {
        var report = LoadReport()
        for file in listing.files {
            load(file, into: &report)
        }
        return finishLoading(listing, report: report)
    }

    /// Lists `directory` and loads each file as it is read (see `load(_:)`), so that only one
    /// file's bytes are held at a time.
    ///
    /// - Throws: what ``RuleDirectory/list(each:)`` throws: the directory cannot be read.
    @discardableResult
    public func load(from directory: RuleDirectory) throws(RuleDirectoryError) -> LoadReport {
        var report = LoadReport()
        let listing = try directory.list { load($0, into: &report) }
        return finishLoading(listing, report: report)
    }

    /// Puts the listing's unreadable entries first in `report` and logs the totals.
    private func finishLoading(_ listing: RuleDirectoryListing, report: LoadReport) -> LoadReport {
        var report = report
        let unreadable = listing.skipped.map { LoadReport.Skip(file: "\($0)", reason: "unreadable") }
        report.skipped.insert(contentsOf: unreadable, at: 0)
        rulesChanged()
        logger.info("loaded \(report.loaded.count) rules, skipped \(report.skipped.count) files")
        return report
    }

    /// Loads one listed file into the store, or records why not in `report`.
    private func load(_ file: RuleDirectoryListing.File, into report: inout LoadReport) {
        let name = file.name.fileName
        func skip(_ reason: String) {
            logger.warning("skipping rule file \(name): \(reason)")
            report.skipped.append(.init(file: name, reason: reason))
        }
        let compiled: (rule: Rule, program: LuaRuleProgram?)
        do {
            compiled = try LoadedRule.compile(file.contents, limits: luaLimits, dialect: dialect)
        } catch {
            skip(error.description)
            return
        }
        guard utf8eq(file.name.ruleName, compiled.rule.name) else {
            skip("holds rule '\(compiled.rule.name)', which does not match the file name")
            return
        }
        guard store.id(named: compiled.rule.name) == nil else {
            skip("rule '\(compiled.rule.name)' is already loaded from another file")
            return
        }
        store.insert(LoadedRule(rule: compiled.rule, program: compiled.program, fileName: file.name))
        report.loaded.append(compiled.rule.name)
    }

    // MARK: Operator changes to the rules directory

    /// A rule file written into the directory by someone else while running (watcher event).
    ///
    /// Loaded as at start-up (no sensor/Xphase refusal); an invalid file is logged and left
    /// alone, and the rule it used to hold (if any) stays as it was. A file for a loaded rule
    /// replaces it like an update: RESOLVED alerts of the old rule (§7.5, last description),
    /// new rule with an empty cache. A file whose rule is identical to the loaded one (e.g. our
    /// own write seen late) changes nothing. Returns the alerts to publish.
    public func handleDroppedFile(_ name: RuleFileName, contents: [UInt8]) -> [AlertPublication] {
        let compiled: (rule: Rule, program: LuaRuleProgram?)
        do {
            compiled = try LoadedRule.compile(contents, limits: luaLimits, dialect: dialect)
        } catch {
            logger.warning("ignoring rule file \(name.fileName): \(error)")
            return []
        }
        guard utf8eq(name.ruleName, compiled.rule.name) else {
            logger.warning(
                "ignoring rule file \(name.fileName): holds rule '\(compiled.rule.name)', not matching the file name")
            return []
        }
        let existing = store.id(named: compiled.rule.name) ?? store.id(storedIn: name)
        var publications: [AlertPublication] = []
        if let existing, let old = store[existing] {
            if old.rule == compiled.rule && old.fileName == name { return [] }
            publications = store[existing]?.tracker.resolveAllForUpdate(now: now()) ?? []
            trackerChanged(existing)
            store.remove(existing)
            logger.notice("rule '\(compiled.rule.name)' replaced from \(name.fileName)")
        } else {
            logger.notice("rule '\(compiled.rule.name)' added from \(name.fileName)")
        }
        store.insert(LoadedRule(rule: compiled.rule, program: compiled.program, fileName: name))
        rulesChanged()
        journal(publications)
        return publications
    }

    /// A rule file removed from the directory by someone else while running (watcher event).
    ///
    /// Our choice: the rule stored in that file is dropped as DELETE drops it (RESOLVED
    /// `Rule deleted` for each cached alert), since it would not come back at the next start.
    /// A file no loaded rule came from changes nothing. Returns the alerts to publish.
    public func handleRemovedFile(_ name: RuleFileName) -> [AlertPublication] {
        guard let id = store.id(storedIn: name), let rule = store.remove(id) else { return [] }
        trackerChanged(id)
        rulesChanged()
        var tracker = rule.tracker
        logger.notice("rule '\(rule.rule.name)' dropped: its file \(name.fileName) was removed")
        let publications = tracker.deleteAll(now: now())
        journal(publications)
        return publications
    }

    // MARK: Metrics (engine.md §5, decisions.md D1)

    /// Handles one METRIC from the bus: `type` is the quantity, `name` the asset; aux `time`
    /// gives the timestamp if present (§5.2 step 2).
    public func handleMetric(_ metric: FtyMetric) -> [AlertPublication] {
        handleMetric(
            quantity: metric.type, asset: metric.name, value: metric.value, unit: metric.unit,
            ttl: metric.ttl, auxTime: metric.aux["time"], input: .bus)
    }

    /// Handles one metric read from fty-shm (the optional second input, D1; engine.md §5.1).
    ///
    /// Same pipeline as a bus metric; the ttl is clamped to the 4-byte wire range.
    public func handleMetric(_ metric: ShmMetric) -> [AlertPublication] {
        handleMetric(
            quantity: metric.quantity, asset: metric.asset, value: metric.value, unit: metric.unit,
            ttl: UInt32(clamping: metric.ttl), auxTime: metric.auxValue(forKey: "time"), input: .shm)
    }

    /// Handles one metric from any input (bus or fty-shm): §5.2 then §6 for every rule it
    /// evaluates; returns the alerts to publish, in rule index order.
    ///
    /// A value that is not a complete number is logged and ignored. The cache entry is replaced,
    /// then every rule indexed under the topic and every pattern rule whose expression matches
    /// it is evaluated. A Lua failure (error, non-number, budget) is logged naming the rule and
    /// the other rules go on.
    public func handleMetric(
        quantity: String, asset: String, value valueText: String, unit: String, ttl: UInt32, auxTime: String?
    ) -> [AlertPublication] {
        handleMetric(quantity: quantity, asset: asset, value: valueText, unit: unit, ttl: ttl, auxTime: auxTime, input: nil)
    }

    /// `handleMetric(quantity:…)` counting the metric as received from `input` and its
    /// evaluations in the self-metrics (one tally handed over per metric).
    private func handleMetric(
        quantity: String, asset: String, value valueText: String, unit: String, ttl: UInt32, auxTime: String?,
        input: MetricTally.Input?
    ) -> [AlertPublication] {
        var tally = MetricTally()
        tally.received(from: input)
        defer { selfMetrics.add(tally) }
        let time = now()
        // The topic's bytes are built once: they key the metric cache and the index lookup.
        let key = ByteKey(quantity: quantity, asset: asset)
        let entry: CachedMetric
        do {
            entry = try CachedMetric(valueText: valueText, unit: unit, ttl: ttl, auxTime: auxTime, now: time)
        } catch {
            logger.warning("ignoring metric \(key.string): value '\(valueText)' is not a number (\(error.reason))")
            return []
        }
        if let metricPresence, MetricPresenceView.tracks(quantity: quantity) {
            metricPresence.record(entry, topic: key.string)
        }
        let ids = rules(forTopic: key, quantity: quantity, slot: metrics.store(entry, key: key))
        if ids.isEmpty { return [] }
        var publications: [AlertPublication] = []
        for id in ids {
            // Most metrics leave a simple threshold's alert as it is: decided without the rule.
            if shortcuts[id].isUsable {
                let level = shortcuts[id].level(of: entry.value)
                if shortcuts[id].publishesNothing(level: level, metricTTL: ttl, now: time) {
                    tally.evaluated(.simpleThreshold)
                    shortcutEvaluatedAt[id] = time
                    continue
                }
            }
            guard let loaded = store[id] else { continue }
            if let policy = loaded.lifecycle {
                // Issue 13: only rules that set lifecycle fields come here.
                tally.evaluated(loaded.rule.kind)
                let publication = selfMetrics.timed(loaded.rule.kind) {
                    applyLifecycle(loaded, policy: policy, topic: key, value: entry.value, asset: asset, ttl: ttl, now: time)
                }
                if let publication { collect(publication, of: loaded, into: &publications) }
                continue
            }
            if loaded.rule.kind == .simpleThreshold {
                if !shortcuts[id].isUsable { shortcuts[id] = SimpleThresholdShortcut(loaded) }
                if shortcuts[id].isUsable {
                    tally.evaluated(.simpleThreshold)
                    let publication = selfMetrics.timed(.simpleThreshold) {
                        applySimpleThreshold(loaded, id: id, value: entry.value, ttl: ttl, now: time)
                    }
                    if let publication { collect(publication, of: loaded, into: &publications) }
                    continue
                }
            }
            tally.evaluated(loaded.rule.kind)
            let candidate = selfMetrics.timed(loaded.rule.kind) {
                evaluate(loaded, topic: key, value: entry.value, asset: asset)
            }
            let publication = candidate.flatMap {
                loaded.tracker.apply($0, metricTTL: ttl, metricValue: entry.value, now: time)
            }
            loaded.lastEvaluation = EvaluationRecord(
                time: time, element: candidate?.element ?? loaded.rule.element, trigger: key.string,
                candidate: candidate, published: publication?.state,
                reason: publication != nil ? nil : Self.reason(candidate: candidate))
            if let publication { collect(publication, of: loaded, into: &publications) }
        }
        if stateJournal != nil { flushJournal() }
        return publications
    }

    /// Appends `publication` of `loaded` to `publications` and stages its journal line (the
    /// rule is at hand here: no lookup by name as in `journal(_:)`).
    private func collect(
        _ publication: AlertPublication, of loaded: LoadedRule, into publications: inout [AlertPublication]
    ) {
        publications.append(publication)
        if stateJournal != nil { journalState(of: loaded, element: publication.element) }
    }

    /// Evaluates the simple threshold `loaded` (slot `id`, usable shortcut) and applies the
    /// candidate to its tracker, recording the result in the shortcut.
    private func applySimpleThreshold(
        _ loaded: LoadedRule, id: Int, value: Double, ttl: UInt32, now time: UInt64
    ) -> AlertPublication? {
        let candidate = SimpleThresholdEvaluator.evaluate(
            value: value, levels: loaded.levels, outcomes: loaded.outcomeTable, element: loaded.rule.element)
        let publication = loaded.tracker.apply(candidate, metricTTL: ttl, metricValue: value, now: time)
        loaded.lastEvaluation = EvaluationRecord(
            time: time, element: candidate.element, trigger: loaded.rule.targets.first ?? "", candidate: candidate,
            published: publication?.state, reason: publication != nil ? nil : Self.reason(candidate: candidate))
        let level = shortcuts[id].level(of: value)
        shortcuts[id].applied(level: level, published: publication != nil, metricTTL: ttl, now: time)
        return publication
    }

    /// The tracker of rule `id` was changed outside `apply` (TOUCH, unavailable metric, delete,
    /// update): its shortcut no longer knows what the tracker holds.
    func trackerChanged(_ id: Int) {
        if id < shortcuts.count { shortcuts[id].forget() }
        store[id]?.lifecycles = [:]
    }

    /// `store.index.rules(forTopic:quantity:)`, remembered per metric-cache slot.
    private func rules(forTopic key: ByteKey, quantity: String, slot: MetricCache.Handle) -> [Int] {
        let version = store.index.version
        let warranty = quantity.hasSameBytes(as: TopicIndex<Int>.warrantyQuantity)
        if slot.slot < topicRules.count, let known = topicRules[slot.slot],
            known.slot.generation == slot.generation, known.indexVersion == version, known.warranty == warranty
        {
            return known.rules
        }
        let rules = store.index.rules(forTopic: key, quantity: quantity)
        if let highest = rules.max(), highest >= shortcuts.count {
            shortcuts.append(
                contentsOf: repeatElement(SimpleThresholdShortcut(), count: highest + 1 - shortcuts.count))
            shortcutEvaluatedAt.append(contentsOf: repeatElement(0, count: highest + 1 - shortcutEvaluatedAt.count))
        }
        if slot.slot >= topicRules.count {
            topicRules.append(contentsOf: repeatElement(nil, count: slot.slot + 1 - topicRules.count))
        }
        topicRules[slot.slot] = TopicRules(slot: slot, indexVersion: version, warranty: warranty, rules: rules)
        return rules
    }

    /// The candidate of rule `loaded` for a metric `topic` of `asset` with `value` (§6.1–§6.5), or nil.
    func evaluate(_ loaded: LoadedRule, topic: ByteKey, value: Double, asset: String) -> AlertCandidate? {
        if loaded.rule.kind == .simpleThreshold {
            return SimpleThresholdEvaluator.evaluate(
                value: value, levels: loaded.levels, outcomes: loaded.outcomeTable, element: loaded.rule.element)
        }
        return evaluateWithOutcome(loaded, topic: topic, value: value, asset: asset)?.candidate
    }

    /// `evaluate`, with the outcome code (−2…2) of the candidate; `previousOutcome` is set as the
    /// Lua global `previous_outcome` first when given (issue 13).
    func evaluateWithOutcome(
        _ loaded: LoadedRule, topic: ByteKey, value: Double, asset: String, previousOutcome: Double? = nil
    ) -> (candidate: AlertCandidate, outcome: Int)? {
        switch loaded.rule.kind {
        case .simpleThreshold:
            let previous = previousOutcome.map { Int($0) }
            return ThresholdHysteresis.evaluate(
                value: value, levels: loaded.levels, clear: loaded.lifecycle?.clear ?? ThresholdLevels(),
                previousOutcome: previous, outcomes: loaded.outcomeTable, element: loaded.rule.element)
        case .deviceThreshold, .expect:
            return nil  // §6.3: never evaluated (and never indexed); expect rules neither
        case .complexThreshold, .single:
            // §5.4: every target needs a cached, non-NaN value.
            guard let arguments = metrics.values(ofKeys: loaded.targetKeys, handles: &loaded.targetHandles) else {
                auditMissingValue(loaded.rule)
                return nil
            }
            return runLua(
                loaded, arguments: arguments, topics: { loaded.rule.targets }, element: loaded.rule.element,
                previousOutcome: previousOutcome)
        case .pattern:
            // §6.4: one argument, the triggering value; the alert is about the metric's asset.
            guard !value.isNaN else {
                if let audit {
                    let line = EvaluationAudit.line(
                        rule: loaded.rule.name, values: [(topic.string, nil)], state: "UNKNOWN", severity: "")
                    audit.debug("\(line)")
                }
                return nil
            }
            return runLua(
                loaded, arguments: [value], topics: { [topic.string] }, element: asset, previousOutcome: previousOutcome)
        }
    }

    /// `topics` is only called for the audit line, which is usually off.
    private func runLua(
        _ loaded: LoadedRule, arguments: [Double], topics: () -> [String], element: String, previousOutcome: Double?
    ) -> (candidate: AlertCandidate, outcome: Int)? {
        guard let program = loaded.program else { return nil }
        let candidate: AlertCandidate?
        let result =
            previousOutcome.map {
                program.evaluate(arguments, setting: LifecyclePolicy.previousOutcomeGlobal, to: $0)
            } ?? program.evaluate(arguments)
        let code = (try? result.get())?.code ?? 0
        switch result {
        case .failure(let error):
            // D4: logged naming the rule; the other rules go on. §13: no audit line.
            logger.error("rule '\(loaded.rule.name)': \(error)")
            selfMetrics.countLuaFailure(error)
            return nil
        case .success(let outcome):
            do {
                candidate = try LuaResultMapping.candidate(
                    for: outcome, outcomes: loaded.outcomeTable, element: element)
            } catch {
                logger.error("rule '\(loaded.rule.name)': Lua result \(outcome) yields no alert (\(error))")
                selfMetrics.luaUnmappedResults.increment()
                candidate = nil
            }
        }
        if let audit {
            let values = zip(topics(), arguments).map { (topic: $0, value: Optional($1)) }
            let line = EvaluationAudit.line(
                rule: loaded.rule.name, values: values, state: candidate?.state.rawValue ?? "UNKNOWN",
                severity: candidate?.severity ?? "")
            audit.debug("\(line)")
        }
        return candidate.map { ($0, code) }
    }

    /// §13: a missing value ends the list with `= NaN` and gives state UNKNOWN.
    private func auditMissingValue(_ rule: Rule) {
        guard let audit else { return }
        var values: [(topic: String, value: Double?)] = []
        for target in rule.targets {
            let value = metrics.value(of: target)
            values.append((target, value))
            if value == nil { break }
        }
        audit.debug("\(EvaluationAudit.line(rule: rule.name, values: values, state: "UNKNOWN", severity: ""))")
    }

    /// Handles a `_METRICS_UNAVAILABLE` message (§5.5): every rule indexed under exactly the
    /// topic is touched (RESOLVED `Rule was changed implicitly`, cache cleared). The metric cache
    /// keeps the value (Q32). A malformed message is logged and ignored.
    public func handleUnavailable(frames: [[UInt8]]) -> [AlertPublication] {
        selfMetrics.unavailableNotices.increment()
        let notice: MetricUnavailableNotice
        do {
            notice = try MetricUnavailableNotice.parse(frames)
        } catch {
            logger.warning("ignoring _METRICS_UNAVAILABLE message: \(error)")
            return []
        }
        let time = now()
        var publications: [AlertPublication] = []
        for id in store.index.rulesIndexed(under: notice.topic) {
            publications += store[id]?.tracker.touch(now: time) ?? []
            trackerChanged(id)
        }
        journal(publications)
        return publications
    }

    /// The rules were loaded, added or removed: the gauge follows.
    func rulesChanged() {
        selfMetrics.rulesLoaded.record(store.count)
    }

    /// Hands the self-metrics counted on the hot path (metrics received, evaluations) to their
    /// counters; the shell calls it after every loop turn, tests before they look.
    public func flushSelfMetrics() {
        selfMetrics.flush()
    }

    /// Sets the expected-signal gauges of the self-metrics (issue 12): how many expected topics
    /// stand at each rung.
    public func countExpectations(_ counts: [AbsenceRung: Int]) {
        selfMetrics.setExpectationCounts(counts)
    }

    /// Counts one alert the shell sent on the bus (self-metrics, by state).
    public func countPublished(_ publication: AlertPublication) {
        selfMetrics.countPublished(publication.state)
    }

    /// Drops expired metrics (§5.1 step 2); the shell calls it on a timer.
    public func purgeMetrics() {
        let removed = metrics.purge(now: now())
        metricPresence?.forget(removed)
        if !removed.isEmpty { logger.debug("purged \(removed.count) expired metrics") }
    }

    /// Whether a valid metric of `topic` exists from any input: the bus cache or fty-shm (D2).
    func metricPresent(_ topic: String) -> Bool {
        if let cached = metrics[topic], !cached.isExpired(now: now()) { return true }
        return shmHasMetric(topic)
    }
}
