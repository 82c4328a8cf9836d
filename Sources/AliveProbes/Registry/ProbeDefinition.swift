import AbsenceWatch

/// One registered probe: an external agent expected to post an alive report every period.
///
/// A report to `POST /probe/<machine>/report` signals the probes of that machine: the probe
/// without a service when `machineStatus` is absent or `pass`, and the probe of service `S` when
/// `services.S` is `pass`, in each case only when the request's token is that probe's.
public struct ProbeDefinition: Sendable, Hashable, Codable {
    /// The probe's name, unique in the registry (the rule name is `absence@probe/<name>`).
    public var name: String
    /// The machine the agent reports for (DeepSentinel's machine name, in the route).
    public var machine: String
    /// The service of that machine the probe watches; nil: the machine itself.
    public var service: String?
    /// The expected interval between two reports, in milliseconds.
    public var periodMilliseconds: Int64
    /// The ladder counts; nil: DeepSentinel's defaults (10 / 20 / 30).
    public var thresholds: LadderThresholds?
    /// The salted hash of the probe's token.
    public var token: ProbeTokenHash

    /// Creates a definition (already validated, see ``ProbeRegistration``).
    public init(
        name: String, machine: String, service: String?, periodMilliseconds: Int64, thresholds: LadderThresholds?,
        token: ProbeTokenHash
    ) {
        self.name = name
        self.machine = machine
        self.service = service
        self.periodMilliseconds = periodMilliseconds
        self.thresholds = thresholds
        self.token = token
    }

    /// The rule name of the probe's absence alerts.
    public var ruleName: String { "absence@probe/\(name)" }

    /// The ladder in force.
    public var ladder: LadderThresholds { thresholds ?? .deepSentinel }

    /// The expected period.
    public var period: Duration { .milliseconds(periodMilliseconds) }
}
