/// Malamute names of the alert-actions actor (decisions.md D5, engine.md §12).
public enum AlertActionsNames {
    /// The client consuming ASSETS and ALERTS.
    public static let client = "fty-alert-actions"
    /// The request/reply helper client.
    public static let mailboxClient = "fty-alert-actions#mb"
}
