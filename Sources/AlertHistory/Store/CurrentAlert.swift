/// The latest known state of one alert: what a new observation is compared with.
///
/// Bus alerts are keyed by rule and element (all producers and streams share one state, so an
/// ACK on `ALERTS` follows the raise on `_ALERTS_SYS`); webhook alerts by partition and
/// fingerprint.
struct CurrentAlert: Sendable, Equatable {
    var key: String
    var rule: String
    var element: String
    var state: String
    var severity: String
    var description: String
    var actions: [String]
    var producer: String
    var partition: String?
    var fingerprint: String?
    /// When it was raised.
    var since: Int64
    /// Its last recorded transition (for webhook alerts, the time SeS compares).
    var lastChange: Int64

    static func busKey(rule: String, element: String) -> String { "b\u{1}\(rule)\u{1}\(element)" }
    static func webhookKey(partition: String, fingerprint: String) -> String { "w\u{1}\(partition)\u{1}\(fingerprint)" }

    var isResolved: Bool { state == "RESOLVED" }
}
