/// Turns a rule document into a `Rule`, refusing invalid ones with `RuleError.badJSON`.
///
/// Order of checks (engine.md §3.1–§3.5), all before any Lua is involved:
/// 1. lenient JSON syntax (§3.1); 2. the document is a non-empty object, only its first member
/// is kept (§3.1 steps 1–2); 3. kind detection (§3.2); 4. the kind's fields in this order:
/// `rule_name` (non-empty, Q26), `target`, `element`, `rule_class`, `rule_source`, `values`,
/// `results`, `evaluation` (§3.3–§3.5).
///
/// Lua seam: the parser never compiles Lua and never yields `BAD_LUA`. For a rule whose
/// `kind.usesLua`, the caller must compile `rule.evaluation` with `rule.namedValues` as globals
/// (`LuaRuleProgram(evaluation:values:)`) right after a successful parse — still inside step 1
/// of engine.md §9.4, before the sensor, Xphase and duplicate checks (and, at start-up, before
/// the file-name check of §10.2) — and refuse with `RuleError.badLua(rule:message:)` on failure.
/// So a document with both JSON and Lua problems is `BAD_JSON` (`complexthreshold_ok_notok.rule`),
/// and simple/device thresholds never compile their (ignored) `evaluation`.
public enum RuleParser {
    /// The `rule_source` meaning "simple threshold" (§3.2); also the default when it is absent.
    public static let manualSource = "Manual user input"

    /// Parses a rule from its text (anything after the first JSON value is ignored).
    public static func parse(_ text: String, dialect: RuleDialect = .original) throws(RuleError) -> Rule {
        let document: JSONValue
        do {
            document = try JSONParser.parse(text)
        } catch {
            throw .badJSON(.syntax(error))
        }
        return try parse(document: document, dialect: dialect)
    }

    /// Parses a rule from its UTF-8 bytes (anything after the first JSON value is ignored).
    public static func parse(_ bytes: [UInt8], dialect: RuleDialect = .original) throws(RuleError) -> Rule {
        let document: JSONValue
        do {
            document = try JSONParser.parse(bytes)
        } catch {
            throw .badJSON(.syntax(error))
        }
        return try parse(document: document, dialect: dialect)
    }

    /// Builds a rule from an already parsed document.
    public static func parse(document: JSONValue, dialect: RuleDialect = .original) throws(RuleError) -> Rule {
        guard case .object(let members) = document else { throw .badJSON(.notAnObject) }
        guard let first = members.first else { throw .badJSON(.emptyObject) }
        // §3.1 step 2: only the first top-level member is kept, the rest is not even validated.
        let kind = try detectKind(first, dialect: dialect)
        let body = first.value
        let fields = RuleFieldReader(body: body, path: first.name)

        let name = try fields.requiredText("rule_name")
        guard !name.isEmpty else { throw .badJSON(.emptyRuleName) }

        let targets: [String]
        switch kind {
        case .simpleThreshold, .deviceThreshold, .pattern:
            targets = [try fields.requiredText("target")]
        case .complexThreshold, .single:
            targets = try fields.requiredTextArray("target")
        case .expect:
            return try parseExpect(first)  // no values, results or evaluation to read
        }
        let element = kind == .pattern ? "" : try fields.requiredText("element")
        let ruleClass = fields.optionalText("rule_class") ?? ""
        let ruleSource = try fields.optionalScalarText("rule_source")
        let values = kind == .single ? try fields.optionalValues() : try fields.requiredValues()
        let outcomes = try fields.results()
        // §3.2: simple and device thresholds ignore `evaluation`, even invalid Lua.
        let evaluation = kind.usesLua ? try fields.requiredText("evaluation") : nil
        let lifecycle = try LifecyclePolicy.parse(fields, kind: kind, values: values, evaluation: evaluation)
        let expectation = try RuleExpectation.parse(fields, kind: kind)

        return Rule(
            name: name, kind: kind, targets: targets, element: element, ruleClass: ruleClass,
            ruleSource: ruleSource, values: values, outcomes: outcomes, evaluation: evaluation,
            storedBytes: JSONWriter.prettyPrintedBytes(.object([first])), lifecycle: lifecycle,
            expectation: expectation)
    }

    /// Kind detection, engine.md §3.2: the kinds are tried in table order; `expect` only in a
    /// dialect that has it (issue 12).
    static func detectKind(_ member: JSONMember, dialect: RuleDialect = .original) throws(RuleError) -> RuleKind {
        let body = member.value
        switch member.name {
        case "pattern":
            guard case .object = body else { throw .badJSON(.wrongType(path: "pattern", expected: "an object")) }
            return .pattern
        case "threshold":
            guard case .object = body else { throw .badJSON(.wrongType(path: "threshold", expected: "an object")) }
            guard let target = body[member: "target"] else { throw .badJSON(.missingField(path: "threshold.target")) }
            let source = body[member: "rule_source"]
            if let source, !source.isScalar {
                throw .badJSON(.wrongType(path: "threshold.rule_source", expected: "a string"))
            }
            if target.isScalar {
                // The default `Manual user input` decides the kind but is not stored (§3.2).
                let sourceText = source?.text ?? manualSource
                return sourceText == manualSource ? .simpleThreshold : .deviceThreshold
            }
            if case .array = target {
                return .complexThreshold  // rule_source is read but never makes it a device rule
            }
            throw .badJSON(.wrongType(path: "threshold.target", expected: "a string or an array"))
        case "single":
            guard case .object = body else { throw .badJSON(.wrongType(path: "single", expected: "an object")) }
            guard let target = body[member: "target"] else { throw .badJSON(.missingField(path: "single.target")) }
            guard case .array = target else { throw .badJSON(.wrongType(path: "single.target", expected: "an array")) }
            return .single
        case "expect" where dialect.acceptsExpect:
            guard case .object = body else { throw .badJSON(.wrongType(path: "expect", expected: "an object")) }
            return .expect
        default:
            // e.g. `flexible`, or `expect` in the original's dialect: those belong to fty-alert-flexible (§11.6).
            throw .badJSON(.unknownKind(member.name))
        }
    }
}
