/// Why a rule operation was refused (engine.md §9, §10, §15).
///
/// `wireReason` is the ONE place these map to the reason frame of an `ERROR` reply.
public enum RuleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The document is not a valid rule (`BAD_JSON`, engine.md §3).
    case badJSON(BadJSONReason)
    /// The Lua source does not compile, fails when run, or defines no `main` (`BAD_LUA`, §4).
    /// Produced by the Lua step, never by `RuleParser`.
    case badLua(rule: String, message: String)
    /// LIST with a type other than `all`, `threshold`, `single`, `pattern` (§9.2).
    case invalidType(String)
    /// GET/TOUCH/DELETE/update of a name no rule has (§9.3, §9.6, §9.7).
    case notFound(name: String)
    /// ADD of a name that exists, or update renaming onto one (§9.4 step 4, §9.6 step 3).
    case alreadyExists(name: String)
    /// DELETE / DELETE_ELEMENT matched no rule (§9.8); the name or element asked for.
    case noMatch(String)
    /// DELETE could not remove the rule's file (§9.8).
    case ruleRemovalFailed(name: String, message: String)
    /// Writing or renaming the rule's file failed (§9.4 step 5, §9.6 step 4).
    case storageFailed(name: String, message: String)
    /// ADD of a `humidity.default@sensor-…` / `temperature.default@sensor-…` rule (§9.4 step 2).
    case notDirectlyInstantiable(name: String)
    /// ADD of a phase rule the asset does not support (§9.4 step 3).
    case xphaseNotApplicable(name: String)

    /// The reason frame of the `["ERROR", reason]` reply (engine.md §15, byte-exact).
    public var wireReason: String {
        switch self {
        case .badJSON: return "BAD_JSON"
        case .badLua: return "BAD_LUA"
        case .invalidType: return "INVALID_TYPE"
        case .notFound: return "NOT_FOUND"
        case .alreadyExists: return "ALREADY_EXISTS"
        case .noMatch: return "NO_MATCH"
        case .ruleRemovalFailed: return "FAILURE_RULE_REMOVAL"
        case .storageFailed: return "Internal error - operating with storage/disk failed."
        case .notDirectlyInstantiable: return "Rule can't be directly instantiated."
        case .xphaseNotApplicable: return "Xphase rule can't be instantiated."
        }
    }

    /// A one-line explanation for logs (more detail than the wire reason).
    public var description: String {
        switch self {
        case .badJSON(let reason): return "BAD_JSON: \(reason)"
        case .badLua(let rule, let message): return "BAD_LUA in rule '\(rule)': \(message)"
        case .invalidType(let type): return "INVALID_TYPE: '\(type)'"
        case .notFound(let name): return "NOT_FOUND: rule '\(name)'"
        case .alreadyExists(let name): return "ALREADY_EXISTS: rule '\(name)'"
        case .noMatch(let key): return "NO_MATCH: '\(key)'"
        case .ruleRemovalFailed(let name, let message): return "cannot remove rule '\(name)': \(message)"
        case .storageFailed(let name, let message): return "cannot store rule '\(name)': \(message)"
        case .notDirectlyInstantiable(let name): return "rule '\(name)' can't be directly instantiated"
        case .xphaseNotApplicable(let name): return "Xphase rule '\(name)' can't be instantiated"
        }
    }
}
