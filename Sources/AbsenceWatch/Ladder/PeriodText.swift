/// The text form of an expected period: `"200ms"`, `"60s"`, `"5m"`, `"1h"`, or a bare number of
/// seconds (`"60"`). Whole numbers only; the period must be between 1 ms and 30 days.
public enum PeriodText {
    /// The longest period accepted.
    public static let longest: Duration = .seconds(30 * 24 * 3600)

    /// The period `text` names, nil when it is not a valid period.
    public static func parse(_ text: String) -> Duration? {
        let units: [(suffix: String, milliseconds: Int64)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        var digits = Substring(text)
        var scale: Int64 = 1000
        for unit in units where text.hasSuffix(unit.suffix) {
            digits = text.dropLast(unit.suffix.count)
            scale = unit.milliseconds
            break
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), digits.count <= 12,
            let count = Int64(digits)
        else { return nil }
        let (milliseconds, overflow) = count.multipliedReportingOverflow(by: scale)
        guard !overflow, milliseconds >= 1, milliseconds <= longest.wholeMilliseconds else { return nil }
        return .milliseconds(milliseconds)
    }

    /// The shortest text of `milliseconds` in the largest unit that divides it exactly
    /// (`3600000` → `"1h"`, `90000` → `"90s"`, `1500` → `"1500ms"`); ``parse(_:)`` reads it back.
    public static func format(milliseconds: Int64) -> String {
        for (suffix, scale) in [("h", Int64(3_600_000)), ("m", 60_000), ("s", 1000)]
        where milliseconds != 0 && milliseconds % scale == 0 {
            return "\(milliseconds / scale)\(suffix)"
        }
        return "\(milliseconds)ms"
    }
}
