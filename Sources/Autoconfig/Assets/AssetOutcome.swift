/// What handling one ASSET message did (engine.md §11.2), for the log and the shell.
public enum AssetOutcome: Sendable, Equatable {
    /// Nothing changed, for the given reason.
    case ignored(AssetIgnoredReason)
    /// The asset is stored (new or replaced) and waits for generation.
    case stored
    /// The asset was deleted or is not active: forgotten; DELETE_ELEMENT is sent unless the
    /// subtype is `sensorgpio` or `gpo`.
    case removed(sendsDeleteElement: Bool)

    /// The I/O the shell performs for it, in order.
    public func actions(asset name: String) -> [AutoconfigAction] {
        switch self {
        case .ignored: []
        case .stored: [.saveState]
        case .removed(let sends): sends ? [.deleteElement(name), .saveState] : [.saveState]
        }
    }
}

/// Why an ASSET message changed nothing.
public enum AssetIgnoredReason: Sendable, Equatable, CustomStringConvertible {
    /// Operation `inventory` (§11.1).
    case inventory
    /// An `update` equal to what is stored (§11.2 step 1).
    case unchanged
    /// No aux `type` (§11.2 step 3); a container display name may still have been forgotten.
    case noType

    public var description: String {
        switch self {
        case .inventory: "inventory message"
        case .unchanged: "update equal to the stored asset"
        case .noType: "no aux type"
        }
    }
}
