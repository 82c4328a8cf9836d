/// How much history the store keeps (issue 10 item 3), enforced a bounded slice at a time.
public struct HistoryRetention: Sendable, Equatable {
    /// Records older than this go (default 90 days).
    public var maxAgeMilliseconds: Int64
    /// At most this many records are kept (default 5,000,000).
    public var maxRows: Int

    /// 90 days in milliseconds.
    public static let defaultMaxAge: Int64 = 90 * 86_400_000

    /// 5,000,000 records.
    public static let defaultMaxRows = 5_000_000

    /// Creates the limits.
    public init(maxAgeMilliseconds: Int64 = defaultMaxAge, maxRows: Int = defaultMaxRows) {
        self.maxAgeMilliseconds = maxAgeMilliseconds
        self.maxRows = maxRows
    }
}
