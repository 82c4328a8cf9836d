/// One piece of I/O the autoconfig core asks its shell to perform.
public enum AutoconfigAction: Sendable, Equatable {
    /// Mailbox `["ADD", rule]` to the rule's destination (engine.md §11.6, timeout 5000 ms).
    case send(GeneratedRule)
    /// Mailbox `["DELETE_ELEMENT", asset]` to the engine (engine.md §11.2 step 5, timeout 1000 ms).
    case deleteElement(String)
    /// Rewrite the state file (engine.md §11.8).
    case saveState
}

/// A template expanded for one asset, ready to send (engine.md §11.5, §11.6).
public struct GeneratedRule: Sendable, Equatable {
    /// The asset it was generated for.
    public var asset: String
    /// The template file it came from.
    public var template: String
    /// Where it goes.
    public var destination: RuleDestination
    /// The rule text (the ADD's second frame).
    public var text: [UInt8]

    /// Creates a generated rule.
    public init(asset: String, template: String, destination: RuleDestination, text: [UInt8]) {
        self.asset = asset
        self.template = template
        self.destination = destination
        self.text = text
    }
}
