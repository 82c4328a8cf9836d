/// Which agent a generated rule goes to (engine.md §11.6).
public enum RuleDestination: Sendable, Equatable, Hashable {
    /// `fty-alert-engine`.
    case engine
    /// `fty-alert-flexible`.
    case flexible

    /// The destination of a rule text: flexible when its first key is `"flexible"`.
    ///
    /// engine.md §11.6 matches the POSIX extended regex
    /// `^[[:blank:][:cntrl:]]*\{[[:blank:][:cntrl:]]*"flexible"` in the C locale: only blanks
    /// (space, tab) and control bytes (0x00–0x1F, 0x7F) may come before `{` and between `{` and
    /// the key. A newline is a control byte, so pretty-printed templates qualify.
    public static func of(_ rule: [UInt8]) -> RuleDestination {
        func isBlankOrControl(_ byte: UInt8) -> Bool { byte == 0x20 || byte < 0x20 || byte == 0x7F }
        var index = rule.startIndex
        while index < rule.endIndex, isBlankOrControl(rule[index]) { index += 1 }
        guard index < rule.endIndex, rule[index] == UInt8(ascii: "{") else { return .engine }
        index += 1
        while index < rule.endIndex, isBlankOrControl(rule[index]) { index += 1 }
        return rule[index...].starts(with: #""flexible""#.utf8) ? .flexible : .engine
    }

    /// The mailbox address.
    public var address: String {
        switch self {
        case .engine: AutoconfigNames.engine
        case .flexible: AutoconfigNames.flexible
        }
    }
}
