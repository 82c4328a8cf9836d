/// What a Lua rule's `main` decided, from its numeric result (engine.md §4).
///
/// The cases are in the order their constants are set as Lua globals; `code` is the value of
/// that global and the result `main` returns for the outcome.
public enum LuaOutcome: Sendable, Equatable, CaseIterable {
    case highCritical
    case highWarning
    case ok
    case lowWarning
    case lowCritical
    /// Any result other than −2…2 (including `UNKNOWN`, NaN and infinities).
    case unknown

    /// Maps `main`'s result, truncated toward zero, to its outcome.
    ///
    /// Truncating the double makes Lua 5.4's integer and float subtypes give the same outcome
    /// (`2`, `2.0` and `2.9` are all `lowCritical`; `-0.5` is `ok`).
    public init(result: Double) {
        switch result.rounded(.towardZero) {
        case -2: self = .highCritical
        case -1: self = .highWarning
        case 0: self = .ok
        case 1: self = .lowWarning
        case 2: self = .lowCritical
        default: self = .unknown
        }
    }

    /// The Lua global holding this outcome's code (`HIGH_CRITICAL`, …, `UNKNOWN`).
    public var globalName: String {
        switch self {
        case .highCritical: "HIGH_CRITICAL"
        case .highWarning: "HIGH_WARNING"
        case .ok: "OK"
        case .lowWarning: "LOW_WARNING"
        case .lowCritical: "LOW_CRITICAL"
        case .unknown: "UNKNOWN"
        }
    }

    /// The outcome's code: −2, −1, 0, 1, 2, and 3 for `unknown`.
    public var code: Int {
        switch self {
        case .highCritical: -2
        case .highWarning: -1
        case .ok: 0
        case .lowWarning: 1
        case .lowCritical: 2
        case .unknown: 3
        }
    }

    /// The name a rule's `results` uses for this outcome (`high_critical`, …), nil for `ok` and
    /// `unknown`, which have no entry in `results`.
    public var resultName: String? {
        switch self {
        case .highCritical: "high_critical"
        case .highWarning: "high_warning"
        case .lowWarning: "low_warning"
        case .lowCritical: "low_critical"
        case .ok, .unknown: nil
        }
    }
}
