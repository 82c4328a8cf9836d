/// Rules the engine refuses to ADD by name (engine.md §9.4 step 2).
public enum DirectInstantiation {
    /// Name prefixes of rules that can't be directly instantiated: sensor rules come from
    /// templates of fty-alert-flexible, not from the engine.
    public static let refusedPrefixes = ["humidity.default@sensor-", "temperature.default@sensor-"]

    /// True when ADD refuses `ruleName` with `Rule can't be directly instantiated.`.
    public static func isRefused(ruleName: String) -> Bool {
        refusedPrefixes.contains { ruleName.utf8.starts(with: $0.utf8) }
    }
}
