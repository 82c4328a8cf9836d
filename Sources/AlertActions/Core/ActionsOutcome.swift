/// What the actor must do after the core handled one event: send requests, log notes, and
/// possibly look an asset up before the alert can be handled.
public struct ActionsOutcome: Equatable, Sendable {
    /// Requests to send, in order.
    public var requests: [ActionRequest]
    /// Things to log.
    public var notes: [ActionsNote]
    /// Set when a new alert's asset is unknown: nothing was done with the alert; the actor asks
    /// the asset agent (ASSET_DETAIL) and hands the answer to
    /// ``AlertActionsCore/completeAssetLookup(_:for:frame:now:)``.
    public var assetLookup: String?

    /// Creates an outcome.
    public init(requests: [ActionRequest] = [], notes: [ActionsNote] = [], assetLookup: String? = nil) {
        self.requests = requests
        self.notes = notes
        self.assetLookup = assetLookup
    }

    /// Nothing to do.
    public static let none = ActionsOutcome()

    mutating func append(_ other: ActionsOutcome) {
        requests += other.requests
        notes += other.notes
    }
}
