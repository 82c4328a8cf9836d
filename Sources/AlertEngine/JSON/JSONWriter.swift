/// Serialises a `JSONValue` as pretty-printed JSON (the stored form, engine.md §3.7).
///
/// Member order, duplicates and number literal text are preserved; strings are escaped so that
/// the output always parses back to the same value (quotes, backslashes and every control
/// character are escaped; other characters, non-ASCII included, are written as UTF-8).
/// Byte-exact formatting is not part of the contract: consumers parse it.
public enum JSONWriter {
    /// Pretty-printed text: one member or element per line, indented by `indent` spaces.
    public static func prettyPrinted(_ value: JSONValue, indent: Int = 4) -> String {
        String(decoding: prettyPrintedBytes(value, indent: indent), as: UTF8.self)
    }

    /// The same pretty-printed text as UTF-8 bytes, ready for a file or a message frame.
    ///
    /// Two passes, measure then fill: the array is allocated once at its exact size, which is
    /// about twice as fast as appending (start-up writes the stored form of 10,000 rules) and
    /// leaves no spare capacity in what rules keep for their lifetime.
    public static func prettyPrintedBytes(_ value: JSONValue, indent: Int = 4) -> [UInt8] {
        let indent = max(0, indent)
        let size = measure(value, level: 0, indent: indent) + 1
        return [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            var cursor = Cursor(buffer: buffer)
            fill(value, level: 0, indent: indent, into: &cursor)
            cursor.put(UInt8(ascii: "\n"))
            precondition(cursor.position == size, "JSONWriter measured \(size) bytes, wrote \(cursor.position)")
            count = size
        }
    }

    /// Appends `text` as a JSON string literal (with quotes) to `output`.
    public static func appendStringLiteral(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        // Over the contiguous bytes, copied whole when nothing needs escaping (the usual case):
        // the UTF8View iterator costs several times more per byte.
        if text.utf8.withContiguousStorageIfAvailable({ appendEscaped($0, to: &output) }) == nil {
            appendEscaped(Array(text.utf8), to: &output)
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Appends `bytes` escaped as in a string literal, without the quotes.
    private static func appendEscaped<Bytes: Collection<UInt8>>(_ bytes: Bytes, to output: inout [UInt8]) {
        if !bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            output.append(contentsOf: bytes)
            return
        }
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "\""):
                output.append(UInt8(ascii: "\\"))
                output.append(byte)
            case UInt8(ascii: "\\"):
                output.append(UInt8(ascii: "\\"))
                output.append(byte)
            case 0x0A: appendEscape(UInt8(ascii: "n"), to: &output)
            case 0x0D: appendEscape(UInt8(ascii: "r"), to: &output)
            case 0x09: appendEscape(UInt8(ascii: "t"), to: &output)
            case 0x08: appendEscape(UInt8(ascii: "b"), to: &output)
            case 0x0C: appendEscape(UInt8(ascii: "f"), to: &output)
            case 0x00..<0x20:
                output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            default:
                output.append(byte)
            }
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private static func appendEscape(_ code: UInt8, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\\"))
        output.append(code)
    }

    // MARK: Measure and fill (prettyPrintedBytes)

    /// The bytes `value` takes when written at nesting `level` (the first line not indented).
    private static func measure(_ value: JSONValue, level: Int, indent: Int) -> Int {
        switch value {
        case .string(let text): return literalLength(text)
        case .number(let literal): return literal.utf8.count
        case .bool(let flag): return flag ? 4 : 5
        case .null: return 4
        case .array(let elements):
            guard !elements.isEmpty else { return 2 }
            var size = 2 + (elements.count - 1) + elements.count * (1 + (level + 1) * indent) + 1 + level * indent
            for position in elements.indices {
                size += measure(elements[position], level: level + 1, indent: indent)
            }
            return size
        case .object(let members):
            guard !members.isEmpty else { return 2 }
            var size = 2 + (members.count - 1) + members.count * (1 + (level + 1) * indent + 2) + 1 + level * indent
            for position in members.indices {
                size += literalLength(members[position].name)
                size += measure(members[position].value, level: level + 1, indent: indent)
            }
            return size
        }
    }

    /// The length of `text` as a string literal, quotes included (see `appendStringLiteral`).
    private static func literalLength(_ text: String) -> Int {
        // Over the contiguous bytes: the UTF8View iterator costs several times more per byte.
        text.utf8.withContiguousStorageIfAvailable(literalLength) ?? literalLength(Array(text.utf8))
    }

    private static func literalLength<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Int {
        var size = 2 + bytes.count
        for byte in bytes where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x0A, 0x0D, 0x09, 0x08, 0x0C: size += 1
            default: size += 5
            }
        }
        return size
    }

    /// A write position in the buffer `prettyPrintedBytes` allocated at the measured size.
    private struct Cursor {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        var position = 0

        init(buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

        mutating func put(_ byte: UInt8) {
            buffer[position] = byte
            position += 1
        }

        mutating func put(repeating byte: UInt8, count: Int) {
            guard count > 0 else { return }
            (buffer.baseAddress! + position).initialize(repeating: byte, count: count)
            position += count
        }

        mutating func put(_ text: String) {
            var text = text
            text.withUTF8 { bytes in
                guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
                (buffer.baseAddress! + position).initialize(from: source, count: bytes.count)
                position += bytes.count
            }
        }
    }

    private static func fill(_ value: JSONValue, level: Int, indent: Int, into cursor: inout Cursor) {
        switch value {
        case .string(let text):
            fillStringLiteral(text, into: &cursor)
        case .number(let literal):
            cursor.put(literal)
        case .bool(let flag):
            cursor.put(flag ? "true" : "false")
        case .null:
            cursor.put("null")
        case .array(let elements):
            guard !elements.isEmpty else {
                cursor.put("[]")
                return
            }
            cursor.put(UInt8(ascii: "["))
            for position in elements.indices {
                if position > 0 { cursor.put(UInt8(ascii: ",")) }
                cursor.put(UInt8(ascii: "\n"))
                cursor.put(repeating: UInt8(ascii: " "), count: (level + 1) * indent)
                fill(elements[position], level: level + 1, indent: indent, into: &cursor)
            }
            cursor.put(UInt8(ascii: "\n"))
            cursor.put(repeating: UInt8(ascii: " "), count: level * indent)
            cursor.put(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else {
                cursor.put("{}")
                return
            }
            cursor.put(UInt8(ascii: "{"))
            for position in members.indices {
                if position > 0 { cursor.put(UInt8(ascii: ",")) }
                cursor.put(UInt8(ascii: "\n"))
                cursor.put(repeating: UInt8(ascii: " "), count: (level + 1) * indent)
                fillStringLiteral(members[position].name, into: &cursor)
                cursor.put(UInt8(ascii: ":"))
                cursor.put(UInt8(ascii: " "))
                fill(members[position].value, level: level + 1, indent: indent, into: &cursor)
            }
            cursor.put(UInt8(ascii: "\n"))
            cursor.put(repeating: UInt8(ascii: " "), count: level * indent)
            cursor.put(UInt8(ascii: "}"))
        }
    }

    /// Writes `text` as `appendStringLiteral` does, copying it whole when nothing needs escaping.
    private static func fillStringLiteral(_ text: String, into cursor: inout Cursor) {
        cursor.put(UInt8(ascii: "\""))
        if literalLength(text) == text.utf8.count + 2 {
            cursor.put(text)
        } else {
            var escaped: [UInt8] = []
            appendStringLiteral(text, to: &escaped)
            for byte in escaped.dropFirst().dropLast() { cursor.put(byte) }
        }
        cursor.put(UInt8(ascii: "\""))
    }
}
