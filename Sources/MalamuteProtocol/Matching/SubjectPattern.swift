/// A Malamute subject pattern with the exact semantics of czmq `zrex` (SLRE), wire.md §2.5.8.
///
/// The pattern is compiled once, here; `matches` then runs the compiled program without
/// allocating. Matching reproduces the reference byte for byte, oddities included (no ranges in
/// sets, non-backtracking alternation, an empty subject never matching an unanchored pattern,
/// …; see vectors/README.md items 10–17). Where the reference breaks, this type does not
/// (decisions.md D7): a pattern the reference cannot compile, or on which `zrex_new` never
/// returns, is invalid and matches nothing; a match the reference would never finish (or that
/// would abort it) counts as no match, and every match is bounded by `matchStepBudget`.
///
/// Like the C API, pattern and subject are C strings: each ends at its first NUL byte.
public struct SubjectPattern: Sendable {
    /// The most steps (instructions executed plus `match` calls) one `matches` call may take.
    ///
    /// A loop that the reference would repeat for ever (`(a*)*`, `a**`, a leading `*`) is
    /// detected exactly and stops at once; the budget bounds the rest: patterns that finish, but
    /// only after a time polynomial in the subject length, one degree per nested greedy loop.
    /// Measured step counts: the dearest case of vectors/subject_match.json (`.*@ups-1$`) takes
    /// 1 362; `.*x` or `(a|b)*c` over a 255-byte subject (the longest MLM string) without a
    /// match take 132 090 and 263 925; `.*.*x` on the same subject would take 11.4 million and
    /// `.*.*.*a` 13.9 million, so they are cut off and count as no match (the reference answers
    /// them after some 50 ms). A step costs about 3 ns in a release build, so a selector
    /// can cost the broker at most a few milliseconds per message.
    public static let matchStepBudget = 2_097_152  // 2^21

    /// The pattern bytes as received.
    public let source: [UInt8]
    /// Whether the pattern compiles (an invalid pattern matches nothing).
    public let isValid: Bool
    /// Why the pattern is invalid, or nil when it is valid.
    public let validationError: SubjectPatternError?

    private let program: SLREProgram?

    /// Compiles `source`; never fails: an invalid pattern is kept and matches nothing.
    public init(_ source: [UInt8]) {
        self.source = source
        do {
            program = try SLRECompiler.compile(source)
            validationError = nil
        } catch {
            program = nil
            validationError = error
        }
        isValid = program != nil
    }

    /// Compiles the UTF-8 bytes of `source`.
    public init(_ source: String) {
        self.init(Array(source.utf8))
    }

    /// Whether `subject` matches (search semantics unless anchored with `^`).
    ///
    /// Always false for an invalid pattern, where the reference would never finish or would
    /// abort on an assertion, and when the match exceeds `matchStepBudget`.
    public func matches(_ subject: [UInt8]) -> Bool {
        guard let program else { return false }
        return program.memory.withUnsafeBufferPointer { memory in
            subject.withUnsafeBufferPointer { subject in
                let matcher = SLREMatcher(
                    memory: memory, codeSize: program.codeSize, subject: subject,
                    stepBudget: Self.matchStepBudget)
                // Every abort reason (endless loop, budget, reference assertion) means no match.
                return (try? matcher.run(anchored: program.isAnchored)) ?? false
            }
        }
    }
}
