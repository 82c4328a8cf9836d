/// What one pass over the fty-shm store found.
public struct ShmReadResult: Equatable, Sendable {
    /// A metric file that was not returned, and why.
    public struct Skipped: Equatable, Sendable {
        /// The file name in the metric directory.
        public var fileName: String
        /// Why it was skipped.
        public var reason: ShmMetricError
        /// True when the file was deleted because it had expired (autoclean).
        public var deleted: Bool

        /// Creates a skipped entry.
        public init(fileName: String, reason: ShmMetricError, deleted: Bool = false) {
            self.fileName = fileName
            self.reason = reason
            self.deleted = deleted
        }
    }

    /// Every valid metric, in byte order of the file names.
    public var metrics: [ShmMetric] = []
    /// Every other entry of the metric directory, in the same order.
    public var skipped: [Skipped] = []
}
