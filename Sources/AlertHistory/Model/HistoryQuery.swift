/// What a history query asks for: every filter optional, newest first (issue 10 item 4).
public struct HistoryQuery: Sendable, Equatable {
    /// Exact matches.
    public var rule: String?
    public var element: String?
    public var state: String?
    public var severity: String?
    public var partition: String?
    /// Milliseconds since the epoch, inclusive.
    public var since: Int64?
    public var until: Int64?
    /// At most this many records (clamped to 1…1000; default 100).
    public var limit: Int
    /// Cursor: only records with an id below it (the `nextCursor` of the page before).
    public var before: Int64?

    /// The default page size.
    public static let defaultLimit = 100
    /// The largest page.
    public static let maximumLimit = 1000

    /// A query with no filter: the newest `defaultLimit` records.
    public init(
        rule: String? = nil, element: String? = nil, state: String? = nil, severity: String? = nil,
        partition: String? = nil, since: Int64? = nil, until: Int64? = nil, limit: Int = defaultLimit, before: Int64? = nil
    ) {
        self.rule = rule
        self.element = element
        self.state = state
        self.severity = severity
        self.partition = partition
        self.since = since
        self.until = until
        self.limit = limit
        self.before = before
    }
}
