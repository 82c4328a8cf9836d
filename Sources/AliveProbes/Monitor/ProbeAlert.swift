import AbsenceWatch
import FtyProto

/// An absence alert of a probe to publish on `_ALERTS_SYS`.
///
/// The fty_proto ALERT: rule `absence@probe/<name>`, element (`name` field) the probe's machine,
/// state ACTIVE (WARNING at alert-low, CRITICAL at alert-high) or RESOLVED (with the severity
/// that was out), `ttl` ``activeTTL`` for ACTIVE and 0 for RESOLVED, no actions. Subject
/// `<rule>/<severity>@<machine>`, as the engine's (engine.md §7.4).
public struct ProbeAlert: Sendable, Hashable {
    /// The ttl of an ACTIVE absence alert: one day (it stays active until a report resolves it).
    public static let activeTTL: UInt32 = 86_400

    /// The probe.
    public var probe: ProbeDefinition
    /// What to publish.
    public var publication: AbsencePublication
    /// The rung the probe left (for RESOLVED: which severity was out).
    public var from: AbsenceRung
    /// Missed periods when it was raised.
    public var misses: Int
    /// When, in milliseconds since the epoch.
    public var time: AbsenceInstant

    /// The severity on the wire.
    public var severity: String {
        switch publication {
        case .activeWarning: "WARNING"
        case .activeCritical: "CRITICAL"
        case .resolved: from == .alertHigh ? "CRITICAL" : "WARNING"
        }
    }

    /// The subject and ALERT message.
    public var message: (subject: String, alert: FtyAlert) {
        let active = publication != .resolved
        let what = probe.service.map { "service \($0) of machine \(probe.machine)" } ?? "machine \(probe.machine)"
        let description =
            active
            ? "no alive report from probe \(probe.name) (\(what)) for \(misses) periods of \(probe.periodMilliseconds) ms"
            : "probe \(probe.name) (\(what)) reports again"
        let alert = FtyAlert(
            time: UInt64(max(0, time.milliseconds / 1000)), ttl: active ? Self.activeTTL : 0, rule: probe.ruleName,
            name: probe.machine, state: active ? "ACTIVE" : "RESOLVED", severity: severity, description: description)
        return ("\(probe.ruleName)/\(severity)@\(probe.machine)", alert)
    }
}
