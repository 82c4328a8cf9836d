/// The lenient JSON parser for rule documents (engine.md §3.1).
///
/// It accepts what the original's cxxtools deserializer accepts for shipped rules:
/// - parsing stops after the first complete top-level value; what follows is ignored
///   (`reference/rules/rule_with_trash.rule`), while leading garbage is an error;
/// - raw control characters, newlines included, are accepted inside string literals
///   (the flexible templates rely on it);
/// - `//` and `/* */` comments are accepted where white space is;
/// - duplicate member names are kept, numbers keep their literal text.
///
/// It works on UTF-8 bytes; string literals must be valid UTF-8. A lone UTF-16 surrogate in a
/// `\u` escape becomes U+FFFD. Nesting deeper than `maximumDepth` is refused, never a crash.
public enum JSONParser {
    /// Deepest nesting of arrays/objects accepted.
    public static let maximumDepth = 128

    /// Parses the first complete JSON value of `text`, ignoring anything after it.
    public static func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try parsePrefix(text).value
    }

    /// Parses the first complete JSON value of `bytes`, ignoring anything after it.
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        try parsePrefix(bytes).value
    }

    /// Parses the first complete JSON value of `text`; `end` is the UTF-8 offset just past it.
    public static func parsePrefix(_ text: String) throws(JSONParseError) -> (value: JSONValue, end: Int) {
        var text = text
        let result = text.withUTF8 { buffer in parseResult(buffer) }
        return try result.get()
    }

    /// Parses the first complete JSON value of `bytes`; `end` is the offset just past it.
    public static func parsePrefix(_ bytes: [UInt8]) throws(JSONParseError) -> (value: JSONValue, end: Int) {
        let result = bytes.withUnsafeBufferPointer { buffer in parseResult(buffer) }
        return try result.get()
    }

    private static func parseResult(
        _ buffer: UnsafeBufferPointer<UInt8>
    ) -> Result<(value: JSONValue, end: Int), JSONParseError> {
        var reader = JSONByteReader(bytes: buffer)
        do {
            let value = try reader.readValue()
            return .success((value, reader.index))
        } catch {
            return .failure(error)
        }
    }
}
