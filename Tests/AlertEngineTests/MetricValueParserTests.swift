import Testing
@testable import AlertEngine

@Suite struct MetricValueParserTests {
    @Test(arguments: [
        ("12", 12.0), (" 12", 12), ("\t\n 12", 12), ("1e3", 1000), ("0x10", 16), ("0x1p3", 8), ("-4.25", -4.25),
        ("+3", 3), ("inf", .infinity), ("-inf", -.infinity), ("INFINITY", .infinity),
        ("1.7976931348623157e308", .greatestFiniteMagnitude),
    ])
    func acceptsWhatStrtodAcceptsCompletely(text: String, value: Double) throws {
        #expect(try MetricValueParser.parse(text) == value)
    }

    @Test(arguments: ["nan", "NAN", "-nan"])
    func acceptsNaN(text: String) throws {
        #expect(try MetricValueParser.parse(text).isNaN)
    }

    @Test(arguments: [
        ("12 ", MetricValueError.Reason.trailingCharacters), ("50AA", .trailingCharacters), ("1e999", .outOfRange),
        ("-1e999", .outOfRange), ("abc", .notANumber), ("", .notANumber), ("   ", .notANumber), ("A40", .notANumber),
        ("12\u{0}5", .trailingCharacters), ("1,5", .trailingCharacters),
        ("1e-400", .outOfRange), ("0x", .trailingCharacters), ("--1", .notANumber),
    ])
    func refusesWithReason(text: String, reason: MetricValueError.Reason) {
        #expect(throws: MetricValueError(text: text, reason: reason)) { try MetricValueParser.parse(text) }
    }

    @Test func staleRangeErrorDoesNotRejectTheNextValue() throws {
        // engine.md Q30: the original tested a stale errno.
        #expect(throws: MetricValueError.self) { try MetricValueParser.parse("1e999") }
        #expect(try MetricValueParser.parse("7") == 7)
    }
}
