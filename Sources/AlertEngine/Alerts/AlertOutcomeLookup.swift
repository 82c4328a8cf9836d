/// Finds a rule's outcome by its name (`low_critical`, `low_warning`, `high_warning`, `high_critical`).
///
/// The evaluators need nothing else from a rule's `results`; the rule model conforms by
/// returning its first outcome of that name (engine.md §3.5: duplicates, the first wins).
public protocol AlertOutcomeLookup {
    /// The outcome called `name`, or nil when the rule has none of that name.
    func alertOutcome(named name: String) -> AlertOutcome?
}

/// A plain name → outcome table, handy for tests and for callers that build the table once.
extension Dictionary: AlertOutcomeLookup where Key == String, Value == AlertOutcome {
    /// The entry for `name`.
    public func alertOutcome(named name: String) -> AlertOutcome? { self[name] }
}
