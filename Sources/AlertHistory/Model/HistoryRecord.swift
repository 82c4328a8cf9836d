import AlertEngine

/// One recorded transition: a row of the history (issue 10 items 2, 4).
///
/// JSON (``HistoryJSON``): snake_case keys, `time` as ISO-8601 UTC with milliseconds, absent
/// optional members as `null`.
public struct HistoryRecord: Sendable, Codable, Equatable {
    /// Increasing with every record; the history API's cursor.
    public var id: Int64
    /// Milliseconds since the epoch.
    public var time: Int64
    public var rule: String
    public var element: String
    public var state: String
    public var severity: String
    public var description: String
    public var actions: [String]
    public var producer: String
    public var kind: TransitionKind
    /// The webhook partition, nil for bus alerts.
    public var partition: String?
    /// The Alertmanager fingerprint, nil for bus alerts.
    public var fingerprint: String?
    /// What our engine saw, for alerts it raised.
    public var evidence: EvaluationEvidence?

    /// Creates a record.
    public init(
        id: Int64, time: Int64, rule: String, element: String, state: String, severity: String, description: String,
        actions: [String], producer: String, kind: TransitionKind, partition: String? = nil, fingerprint: String? = nil,
        evidence: EvaluationEvidence? = nil
    ) {
        self.id = id
        self.time = time
        self.rule = rule
        self.element = element
        self.state = state
        self.severity = severity
        self.description = description
        self.actions = actions
        self.producer = producer
        self.kind = kind
        self.partition = partition
        self.fingerprint = fingerprint
        self.evidence = evidence
    }

    enum CodingKeys: String, CodingKey {
        case id, time, rule, element, state, severity, description, actions, producer, kind, partition, fingerprint, evidence
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(RFC3339.string(milliseconds: time), forKey: .time)
        try container.encode(rule, forKey: .rule)
        try container.encode(element, forKey: .element)
        try container.encode(state, forKey: .state)
        try container.encode(severity, forKey: .severity)
        try container.encode(description, forKey: .description)
        try container.encode(actions, forKey: .actions)
        try container.encode(producer, forKey: .producer)
        try container.encode(kind, forKey: .kind)
        try container.encode(partition, forKey: .partition)
        try container.encode(fingerprint, forKey: .fingerprint)
        try container.encode(evidence, forKey: .evidence)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int64.self, forKey: .id)
        time = try HistoryJSON.decodeTime(container, .time)
        rule = try container.decode(String.self, forKey: .rule)
        element = try container.decode(String.self, forKey: .element)
        state = try container.decode(String.self, forKey: .state)
        severity = try container.decode(String.self, forKey: .severity)
        description = try container.decode(String.self, forKey: .description)
        actions = try container.decode([String].self, forKey: .actions)
        producer = try container.decode(String.self, forKey: .producer)
        kind = try container.decode(TransitionKind.self, forKey: .kind)
        partition = try container.decodeIfPresent(String.self, forKey: .partition)
        fingerprint = try container.decodeIfPresent(String.self, forKey: .fingerprint)
        evidence = try container.decodeIfPresent(EvaluationEvidence.self, forKey: .evidence)
    }
}
