#if canImport(Glibc)
import Glibc
#endif

/// A point in wall-clock time, in milliseconds since the UNIX epoch.
///
/// The tracker never reads a clock: every call takes the instant it happens at, so tests drive
/// it on a virtual clock and the engine passes its own injectable clock. Wall-clock (not
/// monotonic) time, because the last arrival of a signal is persisted across restarts.
public struct AbsenceInstant: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    public var milliseconds: Int64

    /// The instant `milliseconds` after the epoch.
    public init(milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    /// The system's wall clock now (CLOCK_REALTIME), for the callers that inject it.
    public static func now() -> AbsenceInstant {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return AbsenceInstant(milliseconds: Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000)
    }

    /// The instant `duration` after this one (rounded down to the millisecond).
    public func advanced(by duration: Duration) -> AbsenceInstant {
        AbsenceInstant(milliseconds: milliseconds &+ duration.wholeMilliseconds)
    }

    /// The duration from this instant to `other`.
    public func duration(to other: AbsenceInstant) -> Duration { .milliseconds(other.milliseconds - milliseconds) }

    public static func < (lhs: AbsenceInstant, rhs: AbsenceInstant) -> Bool { lhs.milliseconds < rhs.milliseconds }

    public static func + (lhs: AbsenceInstant, rhs: Duration) -> AbsenceInstant { lhs.advanced(by: rhs) }

    public var description: String { "\(milliseconds) ms" }
}

extension Duration {
    /// The whole milliseconds of this duration (rounded toward zero).
    public var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds &* 1000 &+ attoseconds / 1_000_000_000_000_000
    }
}
