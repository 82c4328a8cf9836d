/// A GPO_INTERACTION request for the GPIO agent (engine.md §12.5).
public struct GPORequest: Equatable, Sendable {
    /// The rule of the alert it is about (for logs).
    public var rule: String
    /// The GPO's internal name.
    public var iname: String
    /// The state to set, as given in the action (or its inverse on resolution, Q25).
    public var state: String

    /// Creates a request.
    public init(rule: String, iname: String, state: String) {
        self.rule = rule
        self.iname = iname
        self.state = state
    }

    /// The frames of §12.5: correlation id, GPO iname, state.
    public func frames(correlationID: String) -> [[UInt8]] {
        [Array(correlationID.utf8), Array(iname.utf8), Array(state.utf8)]
    }
}
