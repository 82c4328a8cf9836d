/// The generation timer's periods (engine.md §11.4); tests shorten them.
public struct GenerationPeriods: Sendable, Equatable {
    /// The first pass after start (2000 ms).
    public var initial: Duration
    /// While a stored asset was never tried (5000 ms): the debounce after a burst of messages.
    public var pending: Duration
    /// While an asset whose sends failed waits for a retry (60000 ms).
    public var retry: Duration

    /// The original's periods.
    public static let standard = GenerationPeriods(
        initial: .milliseconds(2000), pending: .milliseconds(5000), retry: .milliseconds(60000))

    /// Creates periods.
    public init(initial: Duration, pending: Duration, retry: Duration) {
        self.initial = initial
        self.pending = pending
        self.retry = retry
    }
}
