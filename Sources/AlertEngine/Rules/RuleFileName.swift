/// File naming of the rules directory (engine.md §10.1–§10.2).
public enum RuleFileName {
    /// The extension of rule files, matched exactly and case-sensitively.
    public static let fileExtension = ".rule"

    /// The file name a rule is stored under: `<rule name>.rule`.
    public static func fileName(forRule name: String) -> String {
        name + fileExtension
    }

    /// True when `<name>.rule` names a file directly inside the rules directory.
    ///
    /// Rule names are arbitrary UTF-8 (§3.6), but a `/` would leave the directory (`../x`) and a
    /// NUL cannot be in a path; the original failed such writes with the storage error
    /// (`RuleError.storageFailed`), which is what the storage layer should answer without
    /// touching the disk.
    public static func canStore(ruleName name: String) -> Bool {
        !name.isEmpty && !name.utf8.contains(UInt8(ascii: "/")) && !name.utf8.contains(0)
    }

    /// The rule name a directory entry claims (`x.rule` → `x`), or nil when the entry is not a
    /// rule file (`x.rule.new`, `x.RULE`, `x.rule.txt` are skipped, §10.2).
    public static func claimedRuleName(fileName: String) -> String? {
        let suffixLength = fileExtension.utf8.count
        guard fileName.utf8.count > suffixLength, fileName.utf8.suffix(suffixLength).elementsEqual(fileExtension.utf8)
        else { return nil }
        return String(decoding: fileName.utf8.dropLast(suffixLength), as: UTF8.self)
    }

    /// True when a file named `fileName` may hold `rule` (§10.2 step 2: utf8eq of the name
    /// without `.rule` and the rule name, so `SIMPLETHRESHOLD2.rule` may hold `simplethreshold2`).
    public static func matches(fileName: String, ruleName: String) -> Bool {
        guard let claimed = claimedRuleName(fileName: fileName) else { return false }
        return utf8eq(claimed, ruleName)
    }
}
