/// One fuzz target: the decoding entry point the agent uses for one kind of untrusted input,
/// plus the invariants that must hold for every input it accepts.
///
/// A target returns normally for any input, accepted or rejected with a typed error; a crash or
/// a thrown ``FuzzFinding`` is a bug.
protocol FuzzTarget: Sendable {
    /// The name `FUZZ_TARGET` and `scripts/fuzz` use (`mlm`, `fty`, …).
    var name: String { get }
    /// Runs the decoder over `input` and checks its invariants.
    func run(_ input: [UInt8]) throws(FuzzFinding)
}

/// An invariant a target checks that did not hold.
struct FuzzFinding: Error, CustomStringConvertible {
    /// What did not hold.
    var description: String
}

/// Every fuzz target, by name.
enum FuzzTargets {
    /// All targets, in the order the smoke run takes them.
    static let all: [any FuzzTarget] = [
        MLMCodecTarget(), FtyProtoTarget(), JSONParserTarget(), RuleParserTarget(), SubjectPatternTarget(),
        ZPLParserTarget(), TemplateExpanderTarget(), WebhookPayloadTarget(),
    ]

    /// The target called `name`, or nil.
    static func named(_ name: String) -> (any FuzzTarget)? {
        all.first { $0.name == name }
    }
}
