/// The alert a rule holds for one element (engine.md §7.1).
///
/// Kept by `AlertTracker`; exposed read-only for diagnostics.
public struct CachedAlert: Sendable, Hashable {
    /// ACTIVE or RESOLVED.
    public internal(set) var state: AlertState
    /// The severity last taken from a candidate.
    public internal(set) var severity: String
    /// The description last taken from a candidate (never the warranty rewrite).
    public internal(set) var description: String
    /// The actions last taken from a candidate.
    public internal(set) var actions: [String]
    /// The message last published for this element: the reference for "unchanged" (D2).
    public internal(set) var lastMessage: AlertMessage

    /// When the last publication for this element happened, UNIX seconds.
    public var lastPublishedAt: UInt64 { lastMessage.time }

    /// Creates the entry that `publication` (just published) leaves behind.
    init(_ publication: AlertPublication) {
        self.state = publication.state
        self.severity = publication.severity
        self.description = publication.description
        self.actions = publication.actions
        self.lastMessage = publication.message
    }
}
