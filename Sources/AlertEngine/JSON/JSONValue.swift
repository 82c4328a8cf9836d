/// One value of a rule document, as the lenient parser read it (engine.md §3.1).
///
/// Objects keep their members in document order, duplicates included; numbers keep their
/// literal text so a rule re-serialises exactly as written (engine.md §3.7). Strings hold the
/// decoded (unescaped) text.
public enum JSONValue: Sendable, Equatable {
    /// An object: members in document order, duplicate names kept.
    case object([JSONMember])
    /// An array, in document order.
    case array([JSONValue])
    /// A string literal, unescaped.
    case string(String)
    /// A number, as its literal text (e.g. `30`, `-1.5e3`).
    case number(String)
    /// `true` or `false`.
    case bool(Bool)
    /// `null`.
    case null

    /// The value of the FIRST member called `name`, or nil (also nil when self is not an object).
    ///
    /// engine.md §3.1: duplicate member names are kept; lookups return the first occurrence.
    /// Names compare byte for byte (Swift `==` would also match canonically equivalent text).
    public subscript(member name: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        // `==` first: fast, and byte-equal strings are always `==`.
        for member in members where member.name == name && member.name.utf8.elementsEqual(name.utf8) {
            return member.value
        }
        return nil
    }

    /// True for strings, numbers and booleans (engine.md §3.2: `null` is not a scalar).
    public var isScalar: Bool {
        switch self {
        case .string, .number, .bool: return true
        case .object, .array, .null: return false
        }
    }

    /// The value "read as a string" (engine.md §3.1).
    ///
    /// A string yields its text, a number or boolean its literal text (`30`, `true`);
    /// `null`, an object or an array yield the empty string.
    public var text: String {
        switch self {
        case .string(let value): return value
        case .number(let literal): return literal
        case .bool(let value): return value ? "true" : "false"
        case .null, .object, .array: return ""
        }
    }

    /// The members when self is an object, else nil.
    public var members: [JSONMember]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The elements when self is an array, else nil.
    public var elements: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }
}

/// One `"name": value` member of a JSON object.
public struct JSONMember: Sendable, Equatable {
    /// The member name, unescaped.
    public var name: String
    /// The member value.
    public var value: JSONValue

    /// Creates a member.
    public init(_ name: String, _ value: JSONValue) {
        self.name = name
        self.value = value
    }
}
