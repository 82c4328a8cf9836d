/// A property of a ZPL document flattened to its path (see ``ZPLNode/leaves(prefix:)``).
public struct ZPLLeaf: Sendable, Equatable {
    /// Slash-joined names from the root, e.g. `engine/rules_dir`.
    public var path: String
    /// The value, nil for a bare name.
    public var value: String?
    /// The 1-based line of the property.
    public var line: Int

    /// The property at `path` with `value` on `line`.
    public init(path: String, value: String?, line: Int) {
        self.path = path
        self.value = value
        self.line = line
    }
}
