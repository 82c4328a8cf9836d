/// Why a rule document was refused with `BAD_JSON` (engine.md §3), with the place it happened.
///
/// Paths name the offending member from the kind key, e.g. `threshold.values[1]` or
/// `single.results[0].high_warning.action[1]`.
public enum BadJSONReason: Sendable, Equatable, CustomStringConvertible {
    /// The text is not JSON (§3.1).
    case syntax(JSONParseError)
    /// The document is not an object (§3.1 step 1).
    case notAnObject
    /// The document is an empty object (§3.1 step 1).
    case emptyObject
    /// The first top-level member names no rule kind, e.g. `flexible` (§3.2).
    case unknownKind(String)
    /// A required member is missing (§3.3).
    case missingField(path: String)
    /// A member has a type the kind does not accept (§3.2, §3.3).
    case wrongType(path: String, expected: String)
    /// `rule_name` is empty (engine.md Q26: refused, the original accepted it).
    case emptyRuleName
    /// A `values` entry does not parse completely as a double (§3.4).
    case invalidNumber(path: String, text: String)
    /// A `results` element is not an object with exactly one member (§3.5).
    case notSingleMember(path: String)
    /// A `results` member name is not one of the four outcome levels, e.g. `ok` (§3.5).
    case unknownOutcome(path: String, name: String)
    /// A pattern rule's `target` is empty: refused by the engine core (our choice; an empty
    /// regular expression would match every metric topic, engine.md §6.4, Q4).
    case emptyPatternTarget

    /// A one-line explanation for logs.
    public var description: String {
        switch self {
        case .syntax(let error): return "not JSON: \(error)"
        case .notAnObject: return "the document is not a JSON object"
        case .emptyObject: return "the document is an empty object"
        case .unknownKind(let key): return "unknown rule kind '\(key)'"
        case .missingField(let path): return "missing member \(path)"
        case .wrongType(let path, let expected): return "\(path) must be \(expected)"
        case .emptyRuleName: return "rule_name is empty"
        case .invalidNumber(let path, let text): return "\(path): '\(text)' is not a number"
        case .notSingleMember(let path): return "\(path) must be an object with exactly one member"
        case .unknownOutcome(let path, let name): return "\(path): unknown outcome '\(name)'"
        case .emptyPatternTarget: return "pattern.target is empty (it would match every topic)"
        }
    }
}
