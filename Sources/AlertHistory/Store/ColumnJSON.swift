import AlertEngine
import Foundation

/// The JSON text of the store's `actions` and `evidence` columns, written and read by hand
/// where that is simple: Foundation's encoder and decoder cost more than the SQLite insert
/// itself (issue 10, recorder ≥ 50,000 transitions/s). What is written decodes with
/// `JSONDecoder` to the same value as what `JSONEncoder` wrote before, and anything unusual
/// (an escape to read, a non-finite number to write) goes through Foundation, as before.
enum ColumnJSON {
    /// A JSON array of strings.
    static func strings(_ strings: [String]) -> String {
        guard !strings.isEmpty else { return "[]" }
        var text = "["
        for (index, string) in strings.enumerated() {
            if index > 0 { text += "," }
            append(string, to: &text)
        }
        return text + "]"
    }

    /// The strings of a JSON array written by ``strings(_:)``; `[]` for text that is none.
    static func parseStrings(_ text: String) -> [String] {
        if text == "[]" { return [] }
        if let simple = simpleStrings(text) { return simple }
        return (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }

    /// The evidence as a JSON object, members in declaration order (as the synthesised
    /// `Encodable` conformance writes them, `crossed` left out when nil).
    ///
    /// - Throws: `EncodingError` for a non-finite value, as `JSONEncoder` does.
    static func evidence(_ evidence: EvaluationEvidence) throws -> String {
        guard evidence.inputs.allSatisfy({ $0.value.isFinite }) else {
            return String(decoding: try JSONEncoder().encode(evidence), as: UTF8.self)
        }
        var text = "{\"inputs\":["
        for (index, input) in evidence.inputs.enumerated() {
            if index > 0 { text += "," }
            text += "{\"topic\":"
            append(input.topic, to: &text)
            text += ",\"value\":"
            text += number(input.value)
            text += ",\"unit\":"
            append(input.unit, to: &text)
            text += ",\"time\":"
            text += String(input.time)
            text += "}"
        }
        text += "],\"thresholds\":["
        for (index, threshold) in evidence.thresholds.enumerated() {
            if index > 0 { text += "," }
            append(threshold, to: &text)
        }
        text += "],\"result\":"
        append(evidence.result, to: &text)
        if let crossed = evidence.crossed {
            text += ",\"crossed\":"
            append(crossed, to: &text)
        }
        return text + "}"
    }

    private static func append(_ threshold: EvaluationEvidence.Threshold, to text: inout String) {
        text += "{\"name\":"
        append(threshold.name, to: &text)
        text += ",\"value\":"
        append(threshold.value, to: &text)
        text += "}"
    }

    /// A finite double as JSON: integral values without a fraction (`97`, as `JSONEncoder`),
    /// others in Swift's shortest round-tripping form (`97.5`, `1e-05`).
    private static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 9_007_199_254_740_992 { return String(Int64(value)) }
        return "\(value)"
    }

    /// `string` as a JSON string literal, appended (the rule store's escaping).
    private static func append(_ string: String, to text: inout String) {
        var literal: [UInt8] = []
        literal.reserveCapacity(string.utf8.count + 2)
        JSONWriter.appendStringLiteral(string, to: &literal)
        text += String(decoding: literal, as: UTF8.self)
    }

    /// The strings of `["a","b"]` when no string holds an escape; nil otherwise.
    private static func simpleStrings(_ text: String) -> [String]? {
        var utf8 = Substring(text).utf8[...]
        guard utf8.first == UInt8(ascii: "["), utf8.last == UInt8(ascii: "]") else { return nil }
        utf8 = utf8.dropFirst().dropLast()
        var result: [String] = []
        while !utf8.isEmpty {
            guard utf8.first == UInt8(ascii: "\"") else { return nil }
            utf8 = utf8.dropFirst()
            guard let close = utf8.firstIndex(where: { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }),
                utf8[close] == UInt8(ascii: "\"")
            else { return nil }
            guard let string = String(utf8[utf8.startIndex..<close]) else { return nil }
            result.append(string)
            utf8 = utf8[utf8.index(after: close)...]
            if utf8.first == UInt8(ascii: ",") {
                utf8 = utf8.dropFirst()
                guard !utf8.isEmpty else { return nil }
            } else if !utf8.isEmpty {
                return nil
            }
        }
        return result
    }
}
