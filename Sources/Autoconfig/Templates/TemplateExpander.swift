#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fills the placeholders of an autoconfig template with one asset's values (engine.md §11.5).
///
/// Each placeholder of ``TemplateValues/replacements`` is replaced, in that order, at every
/// occurrence, by a plain textual pass over the text produced by the previous one (so the
/// original's order-dependent results are kept). One difference, the Q17 recommendation: a value
/// inserted inside a JSON string literal is JSON-escaped (`"` → `\"`, `\` → `\\`, control
/// characters → `\n`, `\t`, `\u00XX`), so a display name like `Rack "A"\1` still yields valid
/// JSON. Outside string literals values go in verbatim, as in the original.
///
/// String literals are found by a JSON lexer that only tracks `"` and backslash escapes; the
/// lenient parser's raw control characters inside strings (engine.md §3.1) are fine.
///
/// ```swift
/// let expander = TemplateExpander(values: TemplateValues(name: "ups-1", displayName: "UPS \"north\""))
/// let rule = expander.expand(templateText)   // ready for ["ADD", rule]
/// ```
///
/// Nothing here checks that the result is a valid rule: send it to the engine (or parse it with
/// `RuleParser`) for that. Expansion itself never fails.
public struct TemplateExpander: Sendable {
    /// Every placeholder, in replacement order.
    public static let placeholders = TemplateValues(name: "").replacements.map(\.placeholder)

    /// The values this expander inserts.
    public let values: TemplateValues

    /// Creates an expander for one asset's values.
    public init(values: TemplateValues) {
        self.values = values
    }

    /// The template `text` with every placeholder replaced.
    public func expand(_ text: String) -> String {
        String(decoding: expand(Array(text.utf8)), as: UTF8.self)
    }

    /// The template bytes with every placeholder replaced (the bytes are taken as UTF-8).
    public func expand(_ template: [UInt8]) -> [UInt8] {
        var text = template
        for (placeholder, value) in values.replacements {
            text = Self.replace(Array(placeholder.utf8), with: Array(value.utf8), in: text)
        }
        return text
    }

    /// The placeholders of ``placeholders`` that occur in `text`, in replacement order.
    public static func placeholders(in text: String) -> [String] {
        placeholders.filter { ByteSearch.contains(Array($0.utf8), in: Array(text.utf8)) }
    }

    /// One pass: every occurrence of `placeholder` in `text` replaced by `value`, escaped when
    /// inside a string literal.
    static func replace(_ placeholder: [UInt8], with value: [UInt8], in text: [UInt8]) -> [UInt8] {
        // Most templates use two or three of the eight placeholders: find out with one fast
        // search before walking the text byte by byte.
        guard ByteSearch.contains(placeholder, in: text) else { return text }
        let escaped = jsonEscaped(value)
        let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
        var output: [UInt8] = []
        output.reserveCapacity(text.count + 64)
        text.withUnsafeBufferPointer { text in
            placeholder.withUnsafeBufferPointer { placeholder in
                let first = placeholder[0], length = placeholder.count, end = text.count
                var copied = 0, index = 0
                var inString = false
                while index < end {
                    let byte = text[index]
                    if byte == first, index + length <= end,
                        memcmp(text.baseAddress! + index, placeholder.baseAddress!, length) == 0
                    {
                        output.append(contentsOf: UnsafeBufferPointer(rebasing: text[copied..<index]))
                        output.append(contentsOf: inString ? escaped : value)
                        index += length
                        copied = index
                        continue
                    }
                    if inString {
                        if byte == backslash {
                            index += 2
                            continue
                        }
                        if byte == quote { inString = false }
                    } else if byte == quote {
                        inString = true
                    }
                    index += 1
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: text[copied..<end]))
            }
        }
        return output
    }

    /// `value` as the inside of a JSON string literal (RFC 8259 §7).
    static func jsonEscaped(_ value: [UInt8]) -> [UInt8] {
        guard value.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            return value
        }
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(value.count + 8)
        for byte in value {
            switch byte {
            case UInt8(ascii: "\""): out += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): out += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case 0x0A: out += Array(#"\n"#.utf8)
            case 0x0D: out += Array(#"\r"#.utf8)
            case 0x09: out += Array(#"\t"#.utf8)
            case ..<0x20: out += Array(#"\u00"#.utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            default: out.append(byte)
            }
        }
        return out
    }
}
