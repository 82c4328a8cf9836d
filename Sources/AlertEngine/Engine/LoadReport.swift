/// What `EngineCore.load` did with the rules directory at start-up (engine.md §10.2).
public struct LoadReport: Sendable, Equatable {
    /// One file that was not loaded, and why (every skip is also logged).
    public struct Skip: Sendable, Equatable {
        /// The file name (or the listing's description of the entry).
        public var file: String
        /// Why it was skipped.
        public var reason: String
    }

    /// Names of the rules loaded, in load order.
    public var loaded: [String] = []
    /// Files skipped: unreadable, BAD_JSON, BAD_LUA, name mismatch, duplicate. Left untouched (D6).
    public var skipped: [Skip] = []
}
