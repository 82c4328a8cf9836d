import FtyProto

/// One alert the actor remembers (engine.md §12.2).
public struct CachedAlert: Equatable, Sendable {
    /// The last ALERT received for the rule.
    public var alert: FtyAlert
    /// That ALERT's frame as received; it is what notifications carry (§12.5 frame 5).
    public var frame: [UInt8]
    /// The asset found when the alert was first cached; nil when it was unknown (Q13). Later
    /// alerts of the same rule keep it, even for another asset (Q11).
    public var relatedAsset: String?
    /// Monotonic ms of the last notification round.
    public var lastNotification: UInt64
    /// Monotonic ms of the last ALERT received for the rule.
    public var lastReceived: UInt64

    /// Creates an entry.
    public init(alert: FtyAlert, frame: [UInt8], relatedAsset: String?, lastNotification: UInt64, lastReceived: UInt64) {
        self.alert = alert
        self.frame = frame
        self.relatedAsset = relatedAsset
        self.lastNotification = lastNotification
        self.lastReceived = lastReceived
    }
}
