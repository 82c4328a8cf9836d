/// Comparison whose duration does not depend on where two secrets differ (SeS and DeepSentinel
/// compare credentials this way, integrations.md §2, §5).
public enum ConstantTime {
    /// Whether `a` and `b` hold the same bytes; the time taken depends only on their lengths.
    public static func equal(_ a: String, _ b: String) -> Bool {
        let (left, right) = (Array(a.utf8), Array(b.utf8))
        var difference = UInt8(truncatingIfNeeded: left.count ^ right.count)
        if left.count != right.count { difference |= 1 }
        // Walk the longer one whole, so a short guess costs as long as a right-length one.
        for index in 0..<max(left.count, right.count) {
            let x = index < left.count ? left[index] : 0
            let y = index < right.count ? right[index] : 0
            difference |= x ^ y
        }
        return difference == 0
    }
}
