#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads decimal text the way C `strtod`/`std::stod` do, refusing what they refuse.
///
/// engine.md §3.4 (rule values) and §5.2 (metric values): leading white space is allowed,
/// trailing characters are not; decimal, exponent, hex floats, `inf`, `nan` are accepted;
/// an empty text or a range error (`ERANGE`, overflow or underflow) is refused.
/// Same semantics as the engine core's `MetricValueParser`; when both branches meet, rule values
/// can use that one and this file can go.
enum CNumberParser {
    /// The double `text` spells completely, or nil.
    static func parseDouble(_ text: String) -> Double? {
        guard !text.utf8.isEmpty else { return nil }
        let length = text.utf8.count
        return text.withCString { start -> Double? in
            var end: UnsafeMutablePointer<CChar>?
            // engine.md Q30: clear errno first so a stale ERANGE cannot reject a valid value.
            errno = 0
            let value = strtod(start, &end)
            let rangeError = errno == ERANGE
            guard let end, !rangeError else { return nil }
            // A NUL inside the text stops strtod early, so it also fails this check.
            let consumed = start.distance(to: UnsafePointer(end))
            guard consumed > 0, consumed == length else { return nil }
            return value
        }
    }
}
