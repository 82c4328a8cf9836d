/// Where the engine core persists rule files (engine.md §10.3, decisions.md D6).
///
/// `RuleDirectory` is the real implementation; the methods must be durable when they return,
/// because an `OK` reply to ADD means the rule is on disk. (``GroupCommitStorage`` defers its
/// writes only while it holds back the replies, until its commit.)
public protocol RuleStorage {
    /// Writes `contents` as `file`, replacing any previous content atomically.
    func write(_ contents: [UInt8], to file: RuleFileName) throws(RuleDirectoryError)
    /// Removes `file`; returns false if it was already gone (which counts as removed, Q19).
    @discardableResult
    func remove(_ file: RuleFileName) throws(RuleDirectoryError) -> Bool
    /// Stores `contents` as `new` and removes `old` (update with rename, engine.md §9.6, Q1).
    func replace(_ old: RuleFileName, with new: RuleFileName, contents: [UInt8]) throws(RuleDirectoryError)
}

extension RuleDirectory: RuleStorage {}
