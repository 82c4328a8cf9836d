import MalamuteProtocol

/// The SLRE compiler and matcher the broker runs on every STREAM READER and SERVICE OFFER
/// pattern: the input up to its first NUL byte is the pattern, the rest the subject (both are C
/// strings on the wire). The step budget bounds every match; libFuzzer's timeout catches a hang.
struct SubjectPatternTarget: FuzzTarget {
    let name = "slre"

    func run(_ input: [UInt8]) throws(FuzzFinding) {
        let split = input.firstIndex(of: 0) ?? input.endIndex
        let pattern = SubjectPattern(Array(input[..<split]))
        let subject = split < input.endIndex ? Array(input[(split + 1)...]) : []
        let matched = pattern.matches(subject)
        guard pattern.isValid || !matched else {
            throw FuzzFinding(description: "an invalid pattern matched")
        }
    }
}
