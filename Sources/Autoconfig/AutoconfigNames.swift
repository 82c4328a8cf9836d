/// Malamute names of the autoconfig actor (decisions.md D5, engine.md §1, §11).
public enum AutoconfigNames {
    /// The autoconfig client.
    public static let client = "fty-autoconfig"
    /// Where generated rules go by default, and where DELETE_ELEMENT goes (engine.md §11.2, §11.6).
    public static let engine = "fty-alert-engine"
    /// Where generated `flexible` rules go (engine.md §11.6).
    public static let flexible = "fty-alert-flexible"
    /// Subject of ADD / DELETE_ELEMENT requests and of LIST replies (engine.md §9, §11.7).
    public static let rulesSubject = "rfc-evaluator-rules"
}
