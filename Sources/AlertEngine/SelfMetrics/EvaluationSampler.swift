/// Picks about one call in `rate` at pseudo-random (xorshift), so that sampling cannot lock onto
/// a cycle in the input (a metric that always triggers the same sixteen rules, say).
struct EvaluationSampler {
    private var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    private let mask: UInt64

    /// `rate` is rounded down to a power of two (at least 1: every call).
    init(rate: Int) {
        let power = rate <= 1 ? 1 : 1 << (Int.bitWidth - 1 - rate.leadingZeroBitCount)
        mask = UInt64(power - 1)
    }

    /// Whether this call is sampled.
    @inline(__always)
    mutating func next() -> Bool {
        state ^= state << 13
        state ^= state >> 7
        state ^= state << 17
        return state & mask == 0
    }
}
