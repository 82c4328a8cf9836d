/// A property of a ZPL document flattened to its path (see ``ZPLNode/leaves(prefix:)``).
struct ZPLLeaf: Sendable, Equatable {
    /// Slash-joined names from the root, e.g. `engine/rules_dir`.
    var path: String
    /// The value, nil for a bare name.
    var value: String?
    /// The 1-based line of the property.
    var line: Int
}
