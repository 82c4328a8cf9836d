/// An alert whose latest state is not RESOLVED: a row of `alerts` and `GET /api/v1/alerts`.
public struct ActiveAlert: Sendable, Codable, Equatable {
    public var rule: String
    public var element: String
    public var state: String
    public var severity: String
    public var description: String
    public var actions: [String]
    public var producer: String
    /// The webhook partition, nil for bus alerts.
    public var partition: String?
    /// When it was raised (milliseconds since the epoch).
    public var since: Int64
    /// Its last recorded transition.
    public var lastChange: Int64

    /// Creates an entry.
    public init(
        rule: String, element: String, state: String, severity: String, description: String, actions: [String],
        producer: String, partition: String?, since: Int64, lastChange: Int64
    ) {
        self.rule = rule
        self.element = element
        self.state = state
        self.severity = severity
        self.description = description
        self.actions = actions
        self.producer = producer
        self.partition = partition
        self.since = since
        self.lastChange = lastChange
    }

    enum CodingKeys: String, CodingKey {
        case rule, element, state, severity, description, actions, producer, partition, since
        case lastChange = "last_change"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(rule, forKey: .rule)
        try container.encode(element, forKey: .element)
        try container.encode(state, forKey: .state)
        try container.encode(severity, forKey: .severity)
        try container.encode(description, forKey: .description)
        try container.encode(actions, forKey: .actions)
        try container.encode(producer, forKey: .producer)
        try container.encode(partition, forKey: .partition)
        try container.encode(RFC3339.string(milliseconds: since), forKey: .since)
        try container.encode(RFC3339.string(milliseconds: lastChange), forKey: .lastChange)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        rule = try container.decode(String.self, forKey: .rule)
        element = try container.decode(String.self, forKey: .element)
        state = try container.decode(String.self, forKey: .state)
        severity = try container.decode(String.self, forKey: .severity)
        description = try container.decode(String.self, forKey: .description)
        actions = try container.decode([String].self, forKey: .actions)
        producer = try container.decode(String.self, forKey: .producer)
        partition = try container.decodeIfPresent(String.self, forKey: .partition)
        since = try HistoryJSON.decodeTime(container, .since)
        lastChange = try HistoryJSON.decodeTime(container, .lastChange)
    }
}
