/// Malamute names of the engine server (decisions.md D5, engine.md §1).
public enum EngineNames {
    /// The mailbox client answering `rfc-evaluator-rules`.
    public static let mailboxClient = "fty-alert-engine"
    /// The client consuming metric streams and publishing alerts.
    public static let streamClient = "fty-alert-engine-stream"
    /// Subject of the rules mailbox protocol (engine.md §9).
    public static let rulesSubject = "rfc-evaluator-rules"
}
