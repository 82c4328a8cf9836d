import FtyProto

/// The assets the actor knows: name → last ASSET message (engine.md §12.2).
public struct AssetCache: Sendable {
    private var assets: [String: FtyAsset] = [:]

    /// Creates an empty cache.
    public init() {}

    /// The cached asset named `name`.
    public subscript(name: String) -> FtyAsset? {
        get { assets[name] }
        set { assets[name] = newValue }
    }

    /// Number of cached assets.
    public var count: Int { assets.count }
}

extension FtyAsset {
    /// aux `priority` as the original reads it for the schedule (`atol`, 0 when absent).
    var priorityLevel: Int { aux.integer(forKey: "priority", default: 0) }

    /// The contacts whose change re-sends notifications (§12.3; Q12 allows `contact_sms`).
    var contacts: [String] {
        ["contact_email", "contact_phone", "contact_sms"].map { ext[$0] ?? "" }
    }

    /// §12.3: `delete`, or a status other than `active` (absent counts as active).
    var isGone: Bool { operation == "delete" || (aux["status"] ?? "active") != "active" }
}
