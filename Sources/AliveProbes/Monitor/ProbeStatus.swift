import AbsenceWatch

/// One probe as `GET /api/v1/probes` and `probes list --json` show it (never its token).
public struct ProbeStatus: Sendable, Hashable, Encodable {
    /// The probe's name.
    public var name: String
    /// Its machine.
    public var machine: String
    /// Its service, if any.
    public var service: String?
    /// The period in milliseconds.
    public var periodMilliseconds: Int64
    /// The ladder counts in force.
    public var degradedToFailed: Int
    /// The ladder counts in force.
    public var failedToAlertLow: Int
    /// The ladder counts in force.
    public var alertLowToAlertHigh: Int
    /// The rung (`normal` … `alert-high`); nil when not tracked (the CLI reads the file only).
    public var rung: String?
    /// Missed periods counted; nil when not tracked.
    public var misses: Int?
    /// The last report, milliseconds since the epoch; nil when none was seen.
    public var lastReport: Int64?
    /// The rule name of its absence alerts.
    public var rule: String

    /// The status of `probe`, with its ladder when tracked.
    public init(_ probe: ProbeDefinition, expectation: Expectation?) {
        name = probe.name
        machine = probe.machine
        service = probe.service
        periodMilliseconds = probe.periodMilliseconds
        degradedToFailed = probe.ladder.degradedToFailed
        failedToAlertLow = probe.ladder.failedToAlertLow
        alertLowToAlertHigh = probe.ladder.alertLowToAlertHigh
        rung = expectation?.rung.name
        misses = expectation?.misses
        lastReport = expectation?.lastSignal?.milliseconds
        rule = probe.ruleName
    }

    enum CodingKeys: String, CodingKey {
        case name, machine, service, rung, misses, rule
        case periodMilliseconds = "period_ms"
        case degradedToFailed = "degraded-to-failed"
        case failedToAlertLow = "failed-to-alert-low"
        case alertLowToAlertHigh = "alert-low-to-alert-high"
        case lastReport = "last_report"
    }
}
