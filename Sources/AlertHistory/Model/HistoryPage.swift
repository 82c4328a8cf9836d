/// One page of a history query, newest first; `nextCursor` fetches the next (older) page.
public struct HistoryPage: Sendable, Codable, Equatable {
    public var records: [HistoryRecord]
    /// The `before` of the next page; nil on the last one.
    public var nextCursor: Int64?

    /// Creates a page.
    public init(records: [HistoryRecord], nextCursor: Int64?) {
        self.records = records
        self.nextCursor = nextCursor
    }

    enum CodingKeys: String, CodingKey {
        case records
        case nextCursor = "next_cursor"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(records, forKey: .records)
        try container.encode(nextCursor, forKey: .nextCursor)
    }
}
