import AlertEngine

/// The rules "directory" of a rule test: the engine core's writes succeed and are forgotten,
/// so a test never touches the disk (the rule stays loaded in the core).
final class DiscardingRuleStorage: RuleStorage {
    func write(_ contents: [UInt8], to file: RuleFileName) throws(RuleDirectoryError) {}
    func remove(_ file: RuleFileName) throws(RuleDirectoryError) -> Bool { true }
    func replace(_ old: RuleFileName, with new: RuleFileName, contents: [UInt8]) throws(RuleDirectoryError) {}
}
