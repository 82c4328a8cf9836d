import Foundation
import MalamuteProtocol
import TestSupport
import Testing

/// `SubjectPattern` against `shared/vectors/subject_match.json` (czmq zrex as the broker calls it),
/// plus the D7 bounds where the reference hangs or aborts.
@Suite struct SubjectPatternTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let pattern: String
        let subject: String
        let matches: Bool
        let construct: String
        var testDescription: String {
            "\(construct): \(pattern.debugDescription) ~ \(subject.debugDescription)"
        }
    }

    struct Invalid: Sendable, CustomTestStringConvertible {
        let pattern: String
        let neverReturns: Bool
        let error: String?
        let subjects: [String]
        var testDescription: String {
            pattern.count > 20 ? "\(pattern.prefix(20))… (\(pattern.utf8.count) bytes)" : pattern
        }
    }

    struct Limit: Sendable, CustomTestStringConvertible {
        let pattern: String
        let valid: Bool
        let error: String?
        let subjectEqualToPatternMatches: Bool?
        var testDescription: String { "\(pattern.utf8.count) bytes, valid: \(valid)" }
    }

    /// One section of the vector file; empty when the file is missing (then the count test fails).
    static func section(_ name: String) -> [[String: Any]] {
        let root = (try? Fixtures.json(Fixtures.vector("subject_match.json"))) as? [String: Any]
        return root?[name] as? [[String: Any]] ?? []
    }

    static let cases: [Case] = section("cases").map {
        Case(
            pattern: $0["pattern"] as! String, subject: $0["subject"] as! String,
            matches: $0["matches"] as! Bool, construct: $0["construct"] as! String)
    }

    static let nonterminating: [Case] = section("nonterminating").map {
        Case(
            pattern: $0["pattern"] as! String, subject: $0["subject"] as! String, matches: false,
            construct: $0["construct"] as! String)
    }

    static let invalid: [Invalid] = section("invalid").map {
        Invalid(
            pattern: $0["pattern"] as! String,
            neverReturns: $0["zrex_new"] as! String == "never returns",
            error: $0["error"] as? String,
            subjects: ($0["broker_matches"] as! [[String: Any]]).map { $0["subject"] as! String })
    }

    static let limits: [Limit] = section("limits").map {
        Limit(
            pattern: $0["pattern"] as! String, valid: $0["valid"] as! Bool,
            error: $0["error"] as? String,
            subjectEqualToPatternMatches: $0["subject_equal_to_pattern_matches"] as? Bool)
    }

    @Test func vectorFileIsComplete() {
        #expect(Self.cases.count == 251)
        #expect(Self.nonterminating.count == 12)
        #expect(Self.invalid.count == 14)
        #expect(Self.limits.count == 3)
    }

    // MARK: - Golden vectors

    @Test(arguments: cases)
    func matchesExactlyAsTheReference(_ c: Case) {
        let pattern = SubjectPattern(c.pattern)
        #expect(pattern.isValid)
        #expect(pattern.validationError == nil)
        #expect(pattern.matches(Array(c.subject.utf8)) == c.matches)
    }

    /// D7: the reference never returns on these; ours stops and reports no match.
    @Test(arguments: nonterminating)
    func patternThatNeverFinishesInTheReferenceMatchesNothing(_ c: Case) {
        let pattern = SubjectPattern(c.pattern)
        #expect(pattern.isValid)  // zrex_valid is true: the reference client sends them
        #expect(!pattern.matches(Array(c.subject.utf8)))
    }

    /// D7: invalid patterns, including unbalanced `)` on which `zrex_new` loops for ever.
    @Test(arguments: invalid)
    func invalidPatternIsRejectedAndMatchesNothing(_ v: Invalid) throws {
        let pattern = SubjectPattern(v.pattern)
        #expect(!pattern.isValid)
        let error = try #require(pattern.validationError)
        if v.neverReturns {
            #expect(error.kind == .unbalancedClosingParenthesis)
        } else {
            #expect(error.referenceMessage == v.error)
        }
        for subject in v.subjects + ["a)", "status.ups-1", v.pattern] {
            #expect(!pattern.matches(Array(subject.utf8)), "\(subject.debugDescription)")
        }
    }

    @Test(arguments: limits)
    func compiledProgramSizeLimitsAreTheReferences(_ limit: Limit) {
        let pattern = SubjectPattern(limit.pattern)
        #expect(pattern.isValid == limit.valid)
        #expect(pattern.validationError?.referenceMessage == limit.error)
        if let expected = limit.subjectEqualToPatternMatches {
            #expect(pattern.matches(Array(limit.pattern.utf8)) == expected)
        }
    }

    /// Longer than any MLM pattern, so only reachable through the API: 256 literal bytes fill
    /// the data array and their run length wraps to 0 in C (it then matches any non-empty
    /// subject); one more byte overflows.
    @Test func literalDataLimitIsTheReferences() {
        let full = SubjectPattern(String(repeating: "a", count: 256))
        #expect(full.isValid)
        #expect(full.matches(Array("b".utf8)))
        let over = SubjectPattern(String(repeating: "a", count: 257))
        #expect(over.validationError?.kind == .dataOverflow)
    }

    // MARK: - 42ity patterns

    @Test func everythingPatternMatchesAnyNonEmptySubject() {
        let all = SubjectPattern(".*")
        #expect(all.matches(Array("status.ups-1".utf8)))
        #expect(all.matches(Array("x".utf8)))
        #expect(!all.matches([]))  // wire.md §2.5.8: offset len is never tried
    }

    @Test func prefixPatternSearchesAnywhereUnlessAnchored() {
        let status = SubjectPattern("status.*")
        #expect(status.matches(Array("status.ups-1".utf8)))
        #expect(status.matches(Array("ups-1/status".utf8)))  // a search: `status` anywhere
        #expect(!status.matches(Array("statu".utf8)))

        let warranty = SubjectPattern("^end_warranty_date@.+")
        #expect(warranty.matches(Array("end_warranty_date@ups-1".utf8)))
        #expect(!warranty.matches(Array("end_warranty_date@".utf8)))
        #expect(!warranty.matches(Array("x_end_warranty_date@ups-1".utf8)))
    }

    // MARK: - Where we differ on purpose (D7) or follow C strings

    @Test func patternAndSubjectEndAtTheirFirstNULLikeCStrings() {
        let pattern = SubjectPattern([UInt8(ascii: "a"), 0, UInt8(ascii: "b")])
        #expect(pattern.isValid)
        #expect(pattern.matches(Array("xa".utf8)))
        #expect(!SubjectPattern("b").matches([UInt8(ascii: "a"), 0, UInt8(ascii: "b")]))
    }

    @Test func trailingBackslashIsInvalidBecauseTheReferenceReadsPastThePattern() {
        for source in ["a\\", "\\", "[a\\"] {
            let pattern = SubjectPattern(source)
            #expect(!pattern.isValid, "\(source)")
            #expect(pattern.validationError?.kind == .danglingEscape)
        }
        #expect(SubjectPattern("a\\\\").matches(Array("a\\".utf8)))
    }

    /// `\é` compiles to opcode 0xFF; the reference aborts on an assertion when it reaches it.
    @Test func unknownOpcodeCountsAsNoMatchOnlyWhereTheReferenceReachesIt() {
        let pattern = SubjectPattern("a|\\é")
        #expect(pattern.isValid)
        #expect(pattern.matches(Array("a".utf8)))  // first alternative matches: 0xFF never runs
        #expect(!pattern.matches(Array("b".utf8)))  // reference process aborts
    }

    /// A quantifier after `|` requantifies a stale atom and can leave a jump of 0 in the
    /// program: the reference then spins for ever on one instruction (`\x-|+`) or recurses
    /// until its stack overflows (`?d|?s`).
    @Test func zeroLengthJumpTerminates() {
        for source in ["\\x-|+", "?d|?s"] {
            let pattern = SubjectPattern(source)
            #expect(pattern.isValid)
            #expect(!pattern.matches(Array("b\\b1".utf8)), "\(source)")
        }
    }

    /// The reference finishes `.*.*.*a` on 255 bytes (it is O(n³)), but that costs more than the
    /// budget, so it counts as no match; the same pattern on a short subject is answered exactly.
    @Test func matchCostIsBoundedByTheStepBudget() {
        let pattern = SubjectPattern(".*.*.*a")
        #expect(pattern.matches([UInt8](repeating: UInt8(ascii: "a"), count: 20)))
        #expect(!pattern.matches([UInt8](repeating: UInt8(ascii: "a"), count: 255)))
        // A single greedy loop over the longest MLM subject stays well inside the budget.
        let longest = Array((String(repeating: "x", count: 249) + "@ups-1").utf8)
        #expect(longest.count == 255)
        #expect(SubjectPattern(".*@ups-1$").matches(longest))
    }

    @Test func errorDescribesTheProblemAndWhere() {
        let error = SubjectPattern("ab[cd").validationError
        #expect(error == SubjectPatternError(.missingClosingSquareBracket, offset: 5))
        #expect(error?.description == "invalid subject pattern: No closing ']' bracket at byte 5")
    }
}
