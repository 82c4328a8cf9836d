/// A point in time as an operator writes it in a query (`since=2h`, `--until 2026-12-06T08:00:00Z`).
///
/// Accepted: an RFC 3339 date-time (`2026-12-06T08:00:00Z`, `…+01:00`); the same without an
/// offset, read as UTC (`2026-12-06T08:00:00`); a day (`2026-12-06`, its midnight UTC); or an age
/// before `now`: a whole number followed by `s`, `m`, `h`, `d` or `w` (`90s`, `30m`, `2h`, `7d`).
public enum TimeArgument {
    /// Milliseconds since the epoch, or nil when `text` is none of the accepted forms.
    public static func milliseconds(_ text: String, now: Int64) -> Int64? {
        if let age = ageMilliseconds(text) { return now - age }
        if let millis = RFC3339.milliseconds(text) { return millis }
        if text.utf8.count == 19, let millis = RFC3339.milliseconds(text + "Z") { return millis }
        if text.utf8.count == 10, let millis = RFC3339.milliseconds(text + "T00:00:00Z") { return millis }
        return nil
    }

    /// `7d` → 604,800,000; nil when `text` is not a whole number with one unit letter.
    public static func ageMilliseconds(_ text: String) -> Int64? {
        guard let unit = text.last, let count = Int64(text.dropLast()), count >= 0, text.first?.isNumber == true else {
            return nil
        }
        let scale: Int64
        switch unit {
        case "s": scale = 1000
        case "m": scale = 60_000
        case "h": scale = 3_600_000
        case "d": scale = 86_400_000
        case "w": scale = 604_800_000
        default: return nil
        }
        let (product, overflow) = count.multipliedReportingOverflow(by: scale)
        return overflow ? nil : product
    }
}
