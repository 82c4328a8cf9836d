import FtyProto

/// One line of the alert state journal (issue 13 item 1): the state of one (rule, element)
/// after a change, or its removal.
struct JournalRecord: Codable, Equatable {
    /// The rule name.
    var rule: String
    /// FNV-1a 64 of the rule's stored form, hexadecimal: state is restored only into the same rule.
    var fingerprint: String
    /// The element.
    var element: String
    /// The cached alert, nil when the element's alert was cleared.
    var alert: JournaledAlert?
    /// The lifecycle state (rules with lifecycle fields only).
    var lifecycle: AlertLifecycle?

    /// The cached alert of an element as the journal keeps it.
    struct JournaledAlert: Codable, Equatable {
        var state: AlertState
        var severity: String
        var description: String
        var actions: [String]
        /// The last ALERT's `rule`, `description`, `time` and `ttl` (its other fields follow).
        var publishedRule: String
        var publishedDescription: String
        var time: UInt64
        var ttl: UInt32
    }

    /// The fingerprint of a rule's stored form.
    static func fingerprint(of rule: Rule) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in rule.storedBytes {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}

extension JournalRecord.JournaledAlert {
    /// The journal form of `alert`.
    init(_ alert: CachedAlert) {
        self.init(
            state: alert.state, severity: alert.severity, description: alert.description, actions: alert.actions,
            publishedRule: alert.lastAlert.rule, publishedDescription: alert.lastAlert.description,
            time: alert.lastAlert.time, ttl: alert.lastAlert.ttl)
    }

    /// The cached alert it stands for, of element `element`.
    func cachedAlert(element: String) -> CachedAlert {
        CachedAlert(
            state: state, severity: severity, description: description, actions: actions,
            lastAlert: FtyAlert(
                time: time, ttl: ttl, rule: publishedRule, name: element, state: state.rawValue, severity: severity,
                description: publishedDescription, action: actions))
    }
}
