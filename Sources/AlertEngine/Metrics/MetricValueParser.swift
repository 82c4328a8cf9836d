#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a metric value with C `strtod` semantics (engine.md §5.2 step 1, Q30).
///
/// Leading white space is skipped; the whole rest must be consumed; decimal, exponent, hex
/// floats (`0x10`), `nan` and `inf` are accepted; a range error is refused. The process must
/// stay in the C locale (Swift never calls `setlocale`), so the decimal separator is `.`.
public enum MetricValueParser {
    /// The value `text` spells, or a `MetricValueError` saying why not.
    public static func parse(_ text: String) throws(MetricValueError) -> Double {
        let length = text.utf8.count
        let (value, failure) = text.withCString { start -> (Double, MetricValueError.Reason?) in
            var end: UnsafeMutablePointer<CChar>?
            // engine.md Q30: clear errno first so a stale ERANGE cannot reject a valid value.
            errno = 0
            let value = strtod(start, &end)
            let rangeError = errno == ERANGE
            let consumed = end.map { start.distance(to: UnsafePointer($0)) } ?? 0
            if consumed == 0 { return (value, .notANumber) }
            // An embedded NUL ends the C string early, so it also lands here.
            if consumed != length { return (value, .trailingCharacters) }
            if rangeError { return (value, .outOfRange) }
            return (value, nil)
        }
        if let failure { throw MetricValueError(text: text, reason: failure) }
        return value
    }
}
