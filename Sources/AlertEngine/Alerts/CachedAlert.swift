import FtyProto

/// The alert a rule holds for one element (engine.md §7.1).
///
/// Kept by `AlertTracker`; exposed read-only for diagnostics.
public struct CachedAlert: Sendable, Equatable {
    /// ACTIVE or RESOLVED.
    public internal(set) var state: AlertState
    /// The severity last taken from a candidate.
    public internal(set) var severity: String
    /// The description last taken from a candidate (never the warranty rewrite).
    public internal(set) var description: String
    /// The actions last taken from a candidate.
    public internal(set) var actions: [String]
    /// The ALERT last published for this element: the reference for "unchanged" (D2).
    public internal(set) var lastAlert: FtyAlert

    /// When the last publication for this element happened, UNIX seconds.
    public var lastPublishedAt: UInt64 { lastAlert.time }

    /// Creates the entry that `publication` (just published) leaves behind.
    init(_ publication: AlertPublication) {
        self.state = publication.state
        self.severity = publication.severity
        self.description = publication.description
        self.actions = publication.actions
        self.lastAlert = publication.ftyAlert
    }

    /// Creates an entry from its parts (a journal restore, issue 13).
    init(state: AlertState, severity: String, description: String, actions: [String], lastAlert: FtyAlert) {
        self.state = state
        self.severity = severity
        self.description = description
        self.actions = actions
        self.lastAlert = lastAlert
    }

    /// Whether an ACTIVE `candidate` of the same rule and element, published now with `ttl` and
    /// `publishedDescription`, would be the last ALERT again, `time` aside.
    ///
    /// The same answer as `publication.ftyAlert.equalsIgnoringTime(lastAlert)` without building
    /// the ALERT: rule and name follow from the rule and the element, which are the same; aux and
    /// metadata are always empty from the engine. So ttl, state, severity, description and actions
    /// are compared, byte for byte.
    func isRepeated(by candidate: AlertCandidate, ttl: UInt32, publishedDescription: String) -> Bool {
        lastAlert.ttl == ttl && lastAlert.state.hasSameBytes(as: candidate.state.rawValue)
            && lastAlert.severity.hasSameBytes(as: candidate.severity)
            && lastAlert.description.hasSameBytes(as: publishedDescription)
            && lastAlert.action.count == candidate.actions.count
            && zip(lastAlert.action, candidate.actions).allSatisfy { $0.hasSameBytes(as: $1) }
    }
}
