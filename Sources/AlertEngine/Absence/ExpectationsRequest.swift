import AbsenceWatch

/// The engine mailbox's `rfc-alert-expectations` subject (issue 12 item 5): a subject of its
/// own, like `rfc-alert-why`, so `rfc-evaluator-rules` stays exactly the original's protocol.
///
/// Request `[]` or `[""]` (every expectation) or `[RUNG]` (`normal`, `degraded`, `failed`, `alert-low`,
/// `alert-high`); reply `["OK", JSON]` (``ExpectationsReport``) or `["ERROR", "INVALID_STATE"]`.
public enum ExpectationsRequest {
    /// The mailbox subject.
    public static let subject = "rfc-alert-expectations"
    /// The reason frame of a request naming no rung.
    public static let invalidState = "INVALID_STATE"

    /// The reply to `frames`; `report` gives the report of the asked rung (nil: every rung).
    static func reply(to frames: [[UInt8]], report: (AbsenceRung?) -> ExpectationsReport) -> [[UInt8]] {
        var rung: AbsenceRung?
        if let first = frames.first, !first.isEmpty {
            guard let named = AbsenceRung(name: String(decoding: first, as: UTF8.self)) else {
                return [Array("ERROR".utf8), Array(invalidState.utf8)]
            }
            rung = named
        }
        guard let json = try? ExpectationsReport.json(report(rung)) else {
            return [Array("ERROR".utf8), Array("INTERNAL".utf8)]
        }
        return [Array("OK".utf8), json]
    }
}
