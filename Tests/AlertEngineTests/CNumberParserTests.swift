import Testing

@testable import AlertEngine

/// C `strtod` semantics shared by rule values (§3.4) and metric values (§5.2).
@Suite struct CNumberParserTests {
    @Test(arguments: [
        ("30", 30.0), (" \t42", 42), ("-1.5e2", -150), ("0x1p-2", 0.25), ("INF", .infinity),
        ("1.7976931348623157e308", .greatestFiniteMagnitude),
    ])
    func parsesCompleteNumbers(_ text: String, _ value: Double) {
        #expect(CNumberParser.parseDouble(text) == value)
    }

    @Test(arguments: ["", " ", "A40", "50AA", "40 ", "1e309", "1e-400", "4\u{0}0", "0x", "--1"])
    func refusesIncompleteOrOutOfRange(_ text: String) {
        #expect(CNumberParser.parseDouble(text) == nil)
    }

    /// engine.md Q30: a range error left over from earlier must not reject a valid value.
    @Test func staleRangeErrorDoesNotLeak() {
        #expect(CNumberParser.parseDouble("1e999") == nil)
        #expect(CNumberParser.parseDouble("12.5") == 12.5)
        #expect(CNumberParser.parseDouble("nan")?.isNaN == true)
    }
}
