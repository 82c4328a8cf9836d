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
    /// The most steps (instructions executed plus recursive calls) one `matches` call may take.
    ///
    /// Legitimate patterns need far less: the most expensive case of
    /// vectors/subject_match.json takes under 100 steps, and `.*x` searched through a 255-byte
    /// subject (the longest MLM string) without an `x` takes about 130 000. A pattern with two
    /// nested greedy loops on such a subject (`.*.*x`) takes about 11 million and is cut off.
    /// 2^21 steps cost a couple of milliseconds, which bounds what one hostile selector can
    /// cost the broker per message.
    public static let matchStepBudget = 1 << 21

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
    /// Always false for an invalid pattern, and for a match the reference would never finish
    /// or that exceeds `matchStepBudget`.
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
