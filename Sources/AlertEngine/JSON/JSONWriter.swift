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
    public static func prettyPrintedBytes(_ value: JSONValue, indent: Int = 4) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(1024)
        write(value, level: 0, indent: indent, into: &output)
        output.append(UInt8(ascii: "\n"))
        return output
    }

    /// Appends `text` as a JSON string literal (with quotes) to `output`.
    public static func appendStringLiteral(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
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
        output.append(UInt8(ascii: "\""))
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private static func appendEscape(_ code: UInt8, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\\"))
        output.append(code)
    }

    private static func write(_ value: JSONValue, level: Int, indent: Int, into output: inout [UInt8]) {
        switch value {
        case .string(let text):
            appendStringLiteral(text, to: &output)
        case .number(let literal):
            output.append(contentsOf: literal.utf8)
        case .bool(let flag):
            output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null:
            output.append(contentsOf: "null".utf8)
        case .array(let elements):
            guard !elements.isEmpty else {
                output.append(contentsOf: "[]".utf8)
                return
            }
            output.append(UInt8(ascii: "["))
            for (position, element) in elements.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                newline(level: level + 1, indent: indent, into: &output)
                write(element, level: level + 1, indent: indent, into: &output)
            }
            newline(level: level, indent: indent, into: &output)
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else {
                output.append(contentsOf: "{}".utf8)
                return
            }
            output.append(UInt8(ascii: "{"))
            for (position, member) in members.enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                newline(level: level + 1, indent: indent, into: &output)
                appendStringLiteral(member.name, to: &output)
                output.append(contentsOf: ": ".utf8)
                write(member.value, level: level + 1, indent: indent, into: &output)
            }
            newline(level: level, indent: indent, into: &output)
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(level: Int, indent: Int, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: level * indent))
    }
}
