/// A change of rung of one expected signal, and what to publish for it.
public struct AbsenceTransition: Sendable, Hashable {
    /// The expectation's id.
    public var id: String
    /// The rung before.
    public var from: AbsenceRung
    /// The rung after.
    public var to: AbsenceRung
    /// The alert to publish, nil when the change is not published (`degraded`, `failed`, or back
    /// to `normal` from one of them).
    public var publication: AbsencePublication?

    /// Creates a transition.
    public init(id: String, from: AbsenceRung, to: AbsenceRung, publication: AbsencePublication?) {
        self.id = id
        self.from = from
        self.to = to
        self.publication = publication
    }
}
