import Foundation

/// Writes journal lines by hand: the bytes `JSONEncoder` with `[.sortedKeys,
/// .withoutEscapingSlashes]` makes of a `JournalRecord`, plus the newline, without building
/// the record or going through `Encoder` (issue 13: the journal must cost the metric path
/// little). `JournalLineTests` holds the two encodings equal.
///
/// Members in sorted-key order: `alert` (absent when nil), `element`, `fingerprint`,
/// `lifecycle` (absent when nil), `rule`. The lifecycle member, written for rules with the
/// issue 13 fields only, still goes through `JSONEncoder`: it is one Codable value whose fields
/// may grow, and a second hand-written copy of them could silently drop one.
enum JournalLine {
    /// The members of a line that depend on its rule only, encoded once per loaded rule.
    struct RuleMembers {
        /// `JournalRecord.fingerprint(of:)` of the rule, or "" for a rule no longer loaded.
        let fingerprint: String
        /// `,"fingerprint":"…"`.
        let fingerprintMember: [UInt8]
        /// `,"rule":"…"}` and the newline that ends the line.
        let ruleMemberAndEnd: [UInt8]

        /// The members of rule `name` with `fingerprint`.
        init(rule name: String, fingerprint: String) {
            self.fingerprint = fingerprint
            var member = Array(#","fingerprint":"#.utf8)
            JSONWriter.appendStringLiteral(fingerprint, to: &member)
            fingerprintMember = member
            var end = Array(#","rule":"#.utf8)
            JSONWriter.appendStringLiteral(name, to: &end)
            end.append(UInt8(ascii: "}"))
            end.append(UInt8(ascii: "\n"))
            ruleMemberAndEnd = end
        }
    }

    /// The encoder of the lifecycle member (the options of every journal line).
    static func lifecycleEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Appends the line of (`rule`, `element`) holding `alert` and `lifecycle` to `output`.
    /// Returns false, appending nothing, when the lifecycle cannot be encoded (a non-finite
    /// flap score: `JSONEncoder` refuses it, and the line was skipped before too).
    @discardableResult
    static func append(
        alert: CachedAlert?, element: String, lifecycle: AlertLifecycle?, rule: RuleMembers,
        lifecycleEncoder: JSONEncoder, to output: inout [UInt8]
    ) -> Bool {
        var lifecycleBytes: Data?
        if let lifecycle {
            guard let bytes = try? lifecycleEncoder.encode(lifecycle) else { return false }
            lifecycleBytes = bytes
        }
        output.append(UInt8(ascii: "{"))
        if let alert {
            appendAlert(
                state: alert.state, severity: alert.severity, description: alert.description, actions: alert.actions,
                publishedRule: alert.lastAlert.rule, publishedDescription: alert.lastAlert.description,
                time: alert.lastAlert.time, ttl: alert.lastAlert.ttl, to: &output)
            output.append(UInt8(ascii: ","))
        }
        appendElementAndRule(element, lifecycle: lifecycleBytes, rule: rule, to: &output)
        return true
    }

    /// Appends the line of `record` to `output` (restore's compaction; the tests).
    @discardableResult
    static func append(_ record: JournalRecord, lifecycleEncoder: JSONEncoder, to output: inout [UInt8]) -> Bool {
        var lifecycleBytes: Data?
        if let lifecycle = record.lifecycle {
            guard let bytes = try? lifecycleEncoder.encode(lifecycle) else { return false }
            lifecycleBytes = bytes
        }
        output.append(UInt8(ascii: "{"))
        if let alert = record.alert {
            appendAlert(
                state: alert.state, severity: alert.severity, description: alert.description, actions: alert.actions,
                publishedRule: alert.publishedRule, publishedDescription: alert.publishedDescription,
                time: alert.time, ttl: alert.ttl, to: &output)
            output.append(UInt8(ascii: ","))
        }
        appendElementAndRule(
            record.element, lifecycle: lifecycleBytes,
            rule: RuleMembers(rule: record.rule, fingerprint: record.fingerprint), to: &output)
        return true
    }

    private static func appendElementAndRule(
        _ element: String, lifecycle: Data?, rule: RuleMembers, to output: inout [UInt8]
    ) {
        output.append(contentsOf: elementKey)
        JSONWriter.appendStringLiteral(element, to: &output)
        output.append(contentsOf: rule.fingerprintMember)
        if let lifecycle {
            output.append(contentsOf: lifecycleKey)
            output.append(contentsOf: lifecycle)
        }
        output.append(contentsOf: rule.ruleMemberAndEnd)
    }

    /// `"alert":{…}`, the members of `JournalRecord.JournaledAlert` in sorted order.
    private static func appendAlert(
        state: AlertState, severity: String, description: String, actions: [String], publishedRule: String,
        publishedDescription: String, time: UInt64, ttl: UInt32, to output: inout [UInt8]
    ) {
        output.append(contentsOf: alertKeyAndActions)
        for (position, action) in actions.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            JSONWriter.appendStringLiteral(action, to: &output)
        }
        output.append(contentsOf: descriptionKey)
        JSONWriter.appendStringLiteral(description, to: &output)
        output.append(contentsOf: publishedDescriptionKey)
        JSONWriter.appendStringLiteral(publishedDescription, to: &output)
        output.append(contentsOf: publishedRuleKey)
        JSONWriter.appendStringLiteral(publishedRule, to: &output)
        output.append(contentsOf: severityKey)
        JSONWriter.appendStringLiteral(severity, to: &output)
        switch state {
        case .active: output.append(contentsOf: activeState)
        case .resolved: output.append(contentsOf: resolvedState)
        }
        appendDecimal(time, to: &output)
        output.append(contentsOf: ttlKey)
        appendDecimal(UInt64(ttl), to: &output)
        output.append(UInt8(ascii: "}"))
    }

    /// `value` in decimal digits, as `String(value)` has them.
    static func appendDecimal(_ value: UInt64, to output: inout [UInt8]) {
        var divisor: UInt64 = 1
        while value / divisor >= 10 { divisor *= 10 }  // at most 10^19, below UInt64.max
        var rest = value
        while true {
            output.append(UInt8(ascii: "0") + UInt8(rest / divisor))
            rest %= divisor
            if divisor == 1 { return }
            divisor /= 10
        }
    }

    private static let alertKeyAndActions = Array(#""alert":{"actions":["#.utf8)
    private static let descriptionKey = Array(#"],"description":"#.utf8)
    private static let publishedDescriptionKey = Array(#","publishedDescription":"#.utf8)
    private static let publishedRuleKey = Array(#","publishedRule":"#.utf8)
    private static let severityKey = Array(#","severity":"#.utf8)
    private static let activeState = Array(#","state":"ACTIVE","time":"#.utf8)
    private static let resolvedState = Array(#","state":"RESOLVED","time":"#.utf8)
    private static let ttlKey = Array(#","ttl":"#.utf8)
    private static let elementKey = Array(#""element":"#.utf8)
    private static let lifecycleKey = Array(#","lifecycle":"#.utf8)
}
