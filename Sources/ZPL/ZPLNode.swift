/// One property of a ZPL document (rfc.zeromq.org/spec:4): a name, an optional value and the
/// properties indented under it.
public struct ZPLNode: Sendable, Equatable {
    /// The property name (letters, digits and `$-_@.&+/`).
    public var name: String
    /// The value after `=`, unquoted; nil when the line has no `=`.
    public var value: String?
    /// The 1-based line the property is on.
    public var line: Int
    /// The properties one level deeper, in file order.
    public var children: [ZPLNode] = []

    /// A property named `name` on `line`, with `value` and the `children` under it.
    public init(name: String, value: String?, line: Int, children: [ZPLNode] = []) {
        self.name = name
        self.value = value
        self.line = line
        self.children = children
    }

    /// Every property of this subtree that carries a value, with its slash-joined path from the
    /// root (`server/timeout`), depth first in file order.
    ///
    /// A property without a value and without children is also listed (value nil), so that a
    /// stray bare name is reported rather than silently dropped.
    public func leaves(prefix: String = "") -> [ZPLLeaf] {
        let path = prefix.isEmpty ? name : prefix + "/" + name
        var result: [ZPLLeaf] = []
        if value != nil || children.isEmpty {
            result.append(ZPLLeaf(path: path, value: value, line: line))
        }
        for child in children {
            result += child.leaves(prefix: path)
        }
        return result
    }
}
