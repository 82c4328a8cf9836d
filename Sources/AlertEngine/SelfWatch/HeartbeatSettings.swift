import FtyProto

/// The engine's heartbeat (issue 12 item 4): one fty_proto METRIC on `METRICS` every `period`,
/// published from the engine loop itself, so a consumer that stops seeing it knows the engine
/// is dead or stuck.
///
/// The topic is `heartbeat@fty-alert-engine` (quantity `heartbeat`, element the agent's
/// Malamute name): one engine runs per appliance (one per rules directory), and a second engine
/// or any consumer of `METRICS` watches it under that name. The value is the engine's uptime in
/// whole seconds, the unit `s`, the ttl three periods (rounded up to whole seconds).
public struct HeartbeatSettings: Sendable, Equatable {
    /// The quantity of the heartbeat topic.
    public static let quantity = "heartbeat"
    /// The element of the heartbeat topic: the agent's name.
    public static let element = EngineNames.mailboxClient
    /// `heartbeat@fty-alert-engine`: the subject the heartbeat is published under.
    public static let topic = "\(quantity)@\(element)"
    /// The Malamute client that publishes the heartbeat (producer on `METRICS`); it connects only
    /// when the heartbeat is on, so without it the bus sees the same clients as before.
    public static let clientName = "fty-alert-engine-heartbeat"

    /// Time between two heartbeats; the first goes out one period after the engine starts.
    public var period: Duration

    /// Creates the settings of a heartbeat every `period` (positive).
    public init(period: Duration) {
        self.period = period
    }

    /// The METRIC published at `now` (UNIX seconds) after `uptime` seconds of engine life.
    public func metric(now: UInt64, uptime: UInt64) -> FtyMetric {
        let (seconds, attoseconds) = period.components
        let whole = seconds + (attoseconds > 0 ? 1 : 0)
        let ttl = UInt32(clamping: max(1, whole) * 3)
        return FtyMetric(
            time: now, ttl: ttl, type: Self.quantity, name: Self.element, value: String(uptime), unit: "s")
    }
}
