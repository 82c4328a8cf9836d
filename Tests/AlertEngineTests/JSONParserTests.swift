import Testing
import TestSupport

@testable import AlertEngine

/// The lenient JSON parser (engine.md §3.1).
@Suite struct JSONParserTests {
    @Test func objectsKeepOrderAndDuplicatesAndLookupReturnsTheFirst() throws {
        let value = try JSONParser.parse(#"{"b": 1, "a": 2, "b": 3}"#)
        #expect(value.members?.map(\.name) == ["b", "a", "b"])
        #expect(value[member: "b"] == .number("1"))
        #expect(value[member: "a"] == .number("2"))
        #expect(value[member: "c"] == nil)
    }

    @Test func scalarsKeepTheirLiteralText() throws {
        let value = try JSONParser.parse(#"[30, -0.50, 1E+3, 2e-7, true, false, null, "30"]"#)
        #expect(
            value
                == .array([
                    .number("30"), .number("-0.50"), .number("1E+3"), .number("2e-7"), .bool(true), .bool(false), .null,
                    .string("30"),
                ]))
        #expect(value.elements?.map(\.text) == ["30", "-0.50", "1E+3", "2e-7", "true", "false", "", "30"])
    }

    @Test func readingAContainerAsTextGivesTheEmptyString() throws {
        #expect(try JSONParser.parse("{}").text == "")
        #expect(try JSONParser.parse("[1]").text == "")
        #expect(try JSONParser.parse("null").isScalar == false)
    }

    @Test func trailingGarbageIsIgnoredAndTheEndIsReported() throws {
        let (value, end) = try JSONParser.parsePrefix(#"{"a":[1]}},garbage"#)
        #expect(value == .object([JSONMember("a", .array([.number("1")]))]))
        #expect(end == 9)
        #expect(try JSONParser.parse("12abc") == .number("12"))
        #expect(try JSONParser.parse("  true false") == .bool(true))
    }

    @Test(arguments: [
        ("x{}", JSONParseError.Kind.unexpectedByte(UInt8(ascii: "x")), 0),
        (",{}", .unexpectedByte(UInt8(ascii: ",")), 0),
        ("", .unexpectedEnd, 0),
        ("   \n ", .unexpectedEnd, 5),
        (#"{"a" 1}"#, .unexpectedByte(UInt8(ascii: "1")), 5),
        (#"{"a": 1,}"#, .unexpectedByte(UInt8(ascii: "}")), 8),
        (#"{"a": [1 2]}"#, .unexpectedByte(UInt8(ascii: "2")), 9),
        (#"{"a": "abc"#, .unexpectedEnd, 10),
        (#"{a: 1}"#, .unexpectedByte(UInt8(ascii: "a")), 1),
        (#"["\q"]"#, .invalidEscape, 2),
        (#"["\u12G4"]"#, .invalidEscape, 2),
        ("[01]", .unexpectedByte(UInt8(ascii: "1")), 2),
        ("[1.]", .invalidNumber, 3),
        ("[-]", .invalidNumber, 2),
        ("[1e+]", .invalidNumber, 4),
        ("[tru]", .unexpectedByte(UInt8(ascii: "]")), 4),
        ("/x", .unexpectedByte(UInt8(ascii: "/")), 0),
        ("/* open", .unexpectedEnd, 7),
    ])
    func refusesWithTypedPositionedErrors(_ text: String, _ kind: JSONParseError.Kind, _ offset: Int) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("\(text) parsed")
        } catch {
            #expect(error.kind == kind)
            #expect(error.offset == offset)
        }
    }

    @Test func errorsGiveLineAndColumn() {
        do {
            _ = try JSONParser.parse("{\n  \"a\": 1\n  \"b\": 2}")
            Issue.record("parsed")
        } catch {
            #expect(error.line == 3)
            #expect(error.column == 3)
            #expect(error.description.contains("line 3, column 3"))
        }
    }

    @Test func rawControlCharactersAreAcceptedInsideStrings() throws {
        let raw = "[\"line1\nline2\t\u{01}\r\"]"
        #expect(try JSONParser.parse(raw) == .array([.string("line1\nline2\t\u{01}\r")]))
    }

    @Test func escapesDecode() throws {
        let value = try JSONParser.parse(
            #"["\"\\\/\b\f\n\r\t", "\u017dlu\u0165", "\ud83d\ude00", "\ud800x", "a\u0000b"]"#)
        #expect(
            value
                == .array([
                    .string("\"\\/\u{08}\u{0C}\n\r\t"), .string("Žluť"), .string("😀"), .string("\u{FFFD}x"),
                    .string("a\u{0}b"),
                ]))
    }

    @Test func invalidUTF8InAStringIsRefused() throws {
        let bytes: [UInt8] = Array(#"[""#.utf8) + [0xC3, 0x28] + Array(#""]"#.utf8)
        #expect(throws: JSONParseError(kind: .invalidUTF8, offset: 1, line: 1, column: 2)) {
            try JSONParser.parse(bytes)
        }
        #expect(try JSONParser.parse(Array(#"["Kůň"]"#.utf8)) == .array([.string("Kůň")]))
    }

    @Test func commentsAreAcceptedBetweenTokens() throws {
        let value = try JSONParser.parse("// head\n{ /* a */ \"a\" : // x\n 1 }")
        #expect(value == .object([JSONMember("a", .number("1"))]))
    }

    @Test func deepNestingIsRefusedNotACrash() throws {
        let deep = String(repeating: "[", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(deep) }
        let fine = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(try JSONParser.parse(fine).elements?.count == 1)
    }

    /// Every strict prefix of a reference rule is incomplete: refused as an unexpected end, at
    /// the end, never a crash.
    @Test func everyTruncationOfAReferenceRuleIsAnUnexpectedEnd() throws {
        for file in try ReferenceFiles.ruleFiles(in: ReferenceFiles.rules) {
            let bytes = Array(try ReferenceFiles.rule(file).utf8)
            let end = try JSONParser.parsePrefix(bytes).end
            for length in stride(from: 0, to: end, by: 5) {
                do {
                    _ = try JSONParser.parse(Array(bytes[..<length]))
                    Issue.record("\(file) cut at \(length) parsed")
                } catch {
                    #expect(error.kind == .unexpectedEnd && error.offset == length, "\(file) cut at \(length)")
                }
            }
        }
    }

    /// Flipping bytes gives either a value or a typed error (and the rule layer a RuleError).
    @Test func mutatedDocumentsNeverCrash() throws {
        var generator = SplitMix64(seed: 42)
        let bytes = Array(try ReferenceFiles.rule("single.rule").utf8)
        for _ in 0..<2_000 {
            var mutated = bytes
            for _ in 0..<3 {
                let position = Int(generator.next() % UInt64(mutated.count))
                mutated[position] = UInt8(truncatingIfNeeded: generator.next())
            }
            do {
                _ = try RuleParser.parse(mutated)
            } catch {
                #expect(error.wireReason == "BAD_JSON")
            }
        }
    }
}
