import AbsenceWatch

/// What a client asks to register: checked by ``definition(token:)`` before anything is stored.
///
/// JSON (`POST /api/v1/probes`): `{"name": "web-1", "machine": "web-1", "service": "nginx",
/// "period": "10s", "degraded-to-failed": 10, "failed-to-alert-low": 20,
/// "alert-low-to-alert-high": 30}`; `service` and the three counts are optional.
public struct ProbeRegistration: Sendable, Hashable, Codable {
    /// The probe's name.
    public var name: String
    /// The machine name agents report for.
    public var machine: String
    /// The service, nil for the machine itself.
    public var service: String?
    /// The period as text (`10s`).
    public var period: String
    /// Missed periods from degraded to failed; nil: 10.
    public var degradedToFailed: Int?
    /// Missed periods from failed to alert-low; nil: 20.
    public var failedToAlertLow: Int?
    /// Missed periods from alert-low to alert-high; nil: 30.
    public var alertLowToAlertHigh: Int?

    enum CodingKeys: String, CodingKey {
        case name, machine, service, period
        case degradedToFailed = "degraded-to-failed"
        case failedToAlertLow = "failed-to-alert-low"
        case alertLowToAlertHigh = "alert-low-to-alert-high"
    }

    /// Creates a registration request.
    public init(
        name: String, machine: String, service: String? = nil, period: String, degradedToFailed: Int? = nil,
        failedToAlertLow: Int? = nil, alertLowToAlertHigh: Int? = nil
    ) {
        self.name = name
        self.machine = machine
        self.service = service
        self.period = period
        self.degradedToFailed = degradedToFailed
        self.failedToAlertLow = failedToAlertLow
        self.alertLowToAlertHigh = alertLowToAlertHigh
    }

    /// The definition to store with `token` hashed, or the first thing wrong with the request.
    public func definition(token: String) throws(ProbesError) -> ProbeDefinition {
        try Self.checkName(name, field: "name")
        try Self.checkName(machine, field: "machine")
        if let service { try Self.checkName(service, field: "service") }
        guard let period = PeriodText.parse(period) else { throw .invalidPeriod(period) }
        let counts = [
            ("degraded-to-failed", degradedToFailed), ("failed-to-alert-low", failedToAlertLow),
            ("alert-low-to-alert-high", alertLowToAlertHigh),
        ]
        for case (let field, let value?) in counts where !(1...1_000_000).contains(value) {
            throw .invalidCount(field: field, value: value)
        }
        let defaults = LadderThresholds.deepSentinel
        let thresholds =
            counts.allSatisfy({ $0.1 == nil })
            ? nil
            : LadderThresholds(
                degradedToFailed: degradedToFailed ?? defaults.degradedToFailed,
                failedToAlertLow: failedToAlertLow ?? defaults.failedToAlertLow,
                alertLowToAlertHigh: alertLowToAlertHigh ?? defaults.alertLowToAlertHigh)
        return ProbeDefinition(
            name: name, machine: machine, service: service, periodMilliseconds: period.wholeMilliseconds,
            thresholds: thresholds, token: ProbeTokenHash(token: token))
    }

    /// Refuses anything but 1 to 100 characters of `A-Z a-z 0-9 . _ -` (the name lands in URL
    /// paths, rule names and subjects).
    public static func checkName(_ value: String, field: String) throws(ProbesError) {
        let allowed = value.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        guard allowed, (1...100).contains(value.utf8.count) else { throw .invalidName(field: field, value: value) }
    }
}
