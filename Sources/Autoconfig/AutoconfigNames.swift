/// Malamute names of the autoconfig actor (decisions.md D5, engine.md §11).
public enum AutoconfigNames {
    /// The autoconfig client.
    public static let client = "fty-autoconfig"
}
