import Testing

@testable import AlertEngine

/// The stored-form serializer (engine.md §3.7).
@Suite struct JSONWriterTests {
    @Test func prettyPrintsWithOrderDuplicatesAndLiterals() {
        let value = JSONValue.object([
            JSONMember("z", .number("1.50")),
            JSONMember("a", .array([.bool(true), .null, .object([])])),
            JSONMember("z", .array([])),
        ])
        #expect(
            JSONWriter.prettyPrinted(value) == """
                {
                    "z": 1.50,
                    "a": [
                        true,
                        null,
                        {}
                    ],
                    "z": []
                }

                """)
    }

    @Test func everyControlCharacterQuoteAndBackslashIsEscaped() throws {
        var text = ""
        for scalar in 0..<0x20 { text.unicodeScalars.append(Unicode.Scalar(UInt8(scalar))) }
        text += "\"\\/ Žluťoučký 😀 \u{7F}"
        let written = JSONWriter.prettyPrinted(.object([JSONMember(text, .string(text))]))
        #expect(!written.utf8.contains { $0 < 0x20 && $0 != 0x0A })
        #expect(written.contains(#"\u0000\u0001"#))
        #expect(written.contains(#"\b\t\n\u000b\f\r"#))
        #expect(try JSONParser.parse(written) == .object([JSONMember(text, .string(text))]))
    }

    @Test func roundTripsEveryReferenceRuleThroughTheParser() throws {
        for file in try ReferenceFiles.ruleFiles(in: ReferenceFiles.rules) {
            let value = try JSONParser.parse(try ReferenceFiles.rule(file))
            let once = JSONWriter.prettyPrinted(value)
            #expect(try JSONParser.parse(once) == value, "\(file)")
            #expect(JSONWriter.prettyPrinted(try JSONParser.parse(once)) == once, "\(file)")
        }
    }

    @Test func flexibleTemplatesWithRawNewlinesRoundTrip() throws {
        let text = try ReferenceFiles.template("licensing.expire@__device_rackcontroller__.rule")
        let value = try JSONParser.parse(text)
        #expect(try JSONParser.parse(JSONWriter.prettyPrinted(value)) == value)
    }
}
