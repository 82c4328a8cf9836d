import Testing
import ZPL

@testable import fty_alert_engine

/// ZPL as czmq's zconfig reads it (rfc.zeromq.org/spec:4).
@Suite struct ZPLParserTests {
    @Test func theOriginalConfigFileGivesOneSectionOfFourKeys() throws {
        // engine.md §1: src/conf/fty-alert-engine.cfg.in.
        let roots = try ZPLParser.parse(
            """
            #   fty-alert-engine configuration

            server
                timeout = 10000     #   Client connection timeout, msec
                background = 0      #   Run as background process
                workdir = .         #   Working directory for daemon
                verbose = 0         #   Do verbose logging of activity?
            """)
        #expect(roots.count == 1)
        #expect(roots[0].name == "server" && roots[0].value == nil && roots[0].line == 3)
        #expect(roots[0].children.map(\.name) == ["timeout", "background", "workdir", "verbose"])
        #expect(roots[0].children.map(\.value) == ["10000", "0", ".", "0"])
        #expect(roots[0].children.map(\.line) == [4, 5, 6, 7])
    }

    @Test func quotedValuesAreTakenVerbatim() throws {
        let roots = try ZPLParser.parse(
            """
            a = "x # not a comment "   # a comment
            b = 'say "hi"'
            c = plain text with spaces   
            d =
            e = ""
            """)
        #expect(roots.map(\.value) == ["x # not a comment ", "say \"hi\"", "plain text with spaces", "", ""])
    }

    @Test func nestingFollowsIndentationAndLeavesHaveSlashPaths() throws {
        let roots = try ZPLParser.parse("a\n    b\n        c = 1\n    d = 2\ne = 3\r\n")
        #expect(roots.flatMap { $0.leaves() } == [
            ZPLLeaf(path: "a/b/c", value: "1", line: 3),
            ZPLLeaf(path: "a/d", value: "2", line: 4),
            ZPLLeaf(path: "e", value: "3", line: 5),
        ])
    }

    @Test func aPropertyMayHaveAValueAndChildren() throws {
        let roots = try ZPLParser.parse("a = 1\n    b = 2\n")
        #expect(roots[0].leaves().map(\.path) == ["a", "a/b"])
    }

    @Test func nameCharactersAreThoseOfZconfig() throws {
        let roots = try ZPLParser.parse("$a-b_c@d.e&f+g/h = 1")
        #expect(roots[0].name == "$a-b_c@d.e&f+g/h")
    }

    @Test(arguments: [
        ("a\n  b = 1", ZPLSyntaxError(line: 2, reason: .indentationNotMultipleOfFour(spaces: 2))),
        ("a\n        b = 1", ZPLSyntaxError(line: 2, reason: .indentedTooDeep)),
        ("    a = 1", ZPLSyntaxError(line: 1, reason: .indentedTooDeep)),
        ("a\n\tb = 1", ZPLSyntaxError(line: 2, reason: .tabInIndentation)),
        ("# c\n= 1", ZPLSyntaxError(line: 2, reason: .missingName)),
        ("a\n\n    b = \"open", ZPLSyntaxError(line: 3, reason: .unterminatedQuote("\""))),
        ("a = 'x' y", ZPLSyntaxError(line: 1, reason: .unexpectedText("y"))),
        ("a b", ZPLSyntaxError(line: 1, reason: .unexpectedText("b"))),
        ("a:b = 1", ZPLSyntaxError(line: 1, reason: .invalidNameCharacter(":"))),
        ("é = 1", ZPLSyntaxError(line: 1, reason: .invalidNameCharacter("é"))),
    ])
    func badLinesAreRefusedWithTheirLineNumber(text: String, expected: ZPLSyntaxError) {
        #expect(throws: expected) { try ZPLParser.parse(text) }
    }

    @Test func blankAndCommentLinesAnywhereAreSkipped() throws {
        let roots = try ZPLParser.parse("\n   \n  # indented comment\na\n\n    # c\n    b = 1\n")
        #expect(roots[0].leaves() == [ZPLLeaf(path: "a/b", value: "1", line: 7)])
    }
}
