import AlertEngine

/// The lenient rule JSON parser (engine.md §3.1). Invariant: a parsed document, written out by
/// ``JSONWriter``, parses back to the same value.
struct JSONParserTarget: FuzzTarget {
    let name = "json"

    func run(_ input: [UInt8]) throws(FuzzFinding) {
        _ = try? JSONParser.parsePrefix(input)
        guard let value = try? JSONParser.parse(input) else { return }
        let written = JSONWriter.prettyPrintedBytes(value)
        let again = try? JSONParser.parse(written)
        guard again == value else {
            throw FuzzFinding(description: "JSON round trip differs: \(value) → \(String(describing: again))")
        }
    }
}
