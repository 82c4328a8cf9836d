/// A rule as the engine holds it: parsed, compiled, with its alert state (engine.md §4, §7.1).
///
/// Built by `LoadedRule.compile` from a document; the Lua program exists exactly when
/// `rule.kind.usesLua`. The tracker starts empty (caches start empty for loaded, added and
/// updated rules).
///
/// A class, owned by the `RuleStore` of one engine thread: every metric evaluates several rules,
/// and a struct this size would be copied (and every field retained) on each access.
public final class LoadedRule {
    /// The parsed rule.
    public let rule: Rule
    /// The compiled `evaluation` of a Lua kind; nil for simple and device thresholds.
    public let program: LuaRuleProgram?
    /// The file the rule lives in: `<name>.rule`, or the file it was loaded from
    /// (`SIMPLETHRESHOLD2.rule` holding `simplethreshold2`, engine.md §10.2).
    public let fileName: RuleFileName
    /// The alert state per element.
    public var tracker: AlertTracker
    /// The four simple-threshold levels, read once from `values` (unused by the other kinds).
    let levels: ThresholdLevels
    /// The outcomes by level, built once: what the evaluators look up (engine.md §3.5).
    let outcomeTable: OutcomeTable
    /// `rule.targets` as byte keys of the metric cache, built once (read by the Lua kinds).
    let targetKeys: [ByteKey]
    /// Where each target was last found in the metric cache (one per `targetKeys`).
    var targetHandles: [MetricCache.Handle?]
    /// `rule.lifecycle`, read once: nil for every rule without the issue 13 fields.
    let lifecycle: LifecyclePolicy?
    /// The lifecycle state per element (rules with a `lifecycle` only).
    var lifecycles: [ByteKey: AlertLifecycle] = [:]
    /// The last evaluation that went past the simple-threshold shortcut (`why`, issue 13 item 5).
    var lastEvaluation: EvaluationRecord?
    /// The rule's fingerprint and journal members (issue 13), encoded at its first journal line.
    private(set) lazy var journalMembers = JournalLine.RuleMembers(
        rule: rule.name, fingerprint: JournalRecord.fingerprint(of: rule))

    /// Creates a loaded rule from its parts; use `compile` to build one from a document.
    public init(rule: Rule, program: LuaRuleProgram?, fileName: RuleFileName) {
        self.rule = rule
        self.program = program
        self.fileName = fileName
        self.tracker = AlertTracker(ruleName: rule.name)
        self.levels = ThresholdLevels(valueNamed: rule.value(named:))
        self.outcomeTable = OutcomeTable(rule)
        self.targetKeys = rule.kind.usesLua && rule.kind != .pattern ? rule.targets.map(ByteKey.init) : []
        self.targetHandles = Array(repeating: nil, count: targetKeys.count)
        self.lifecycle = rule.lifecycle
    }

    /// Parses `document` and compiles its Lua (engine.md §9.4 step 1, §10.2 step 1); `dialect`
    /// says whether the `expect` kind parses.
    ///
    /// Throws `badJSON` for document problems (also for a pattern rule with an empty target:
    /// our choice, an empty regular expression would match every topic) and `badLua` when the
    /// Lua does not compile, run once, or define `main`.
    public static func compile(
        _ document: [UInt8], limits: LuaLimits, dialect: RuleDialect = .original
    ) throws(RuleError) -> (rule: Rule, program: LuaRuleProgram?) {
        let rule = try RuleParser.parse(document, dialect: dialect)
        if rule.kind == .pattern, rule.targets.first?.isEmpty ?? true {
            throw .badJSON(.emptyPatternTarget)
        }
        guard rule.kind.usesLua else { return (rule, nil) }
        do {
            let program = try LuaRuleProgram(
                evaluation: rule.evaluation ?? "", values: rule.namedValues, limits: limits)
            return (rule, program)
        } catch {
            throw .badLua(rule: rule.name, message: error.description)
        }
    }
}
