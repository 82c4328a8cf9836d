import Foundation

/// The audit line of one Lua rule evaluation (engine.md §13, logger `audit/alarms`).
///
/// `Evaluate rule '<name>' [<topic> = <value>, …] -> <state> <severity>`; values print like C++
/// streams (`%g`, 6 significant digits); a missing value prints `<topic> = NaN` and ends the list,
/// and the state is then `UNKNOWN` with an empty severity (the line ends with a space).
enum EvaluationAudit {
    /// The line for `rule` given the collected `values` (nil for the missing one).
    static func line(
        rule: String, values: [(topic: String, value: Double?)], state: String, severity: String
    ) -> String {
        let list = values.map { "\($0.topic) = \($0.value.map(format) ?? "NaN")" }.joined(separator: ", ")
        return "Evaluate rule '\(rule)' [\(list)] -> \(state) \(severity)"
    }

    /// C++ default stream format of a double: `1032`, `0.5`, `1.23457e+06`, `nan`, `inf`.
    static func format(_ value: Double) -> String { String(format: "%g", value) }
}
