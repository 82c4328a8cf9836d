import Foundation
import Testing

@testable import AlertEngine

/// The hand-written journal lines are the bytes `JSONEncoder` made of the same record before
/// (so journals written by either restore alike), and they decode back to the record.
@Suite struct JournalLineTests {
    /// Strings a rule, element, description or action may hold: every control character,
    /// quotes, backslashes, slashes, non-ASCII text.
    static let awkward = [
        "", "room-1", "t@room-1", "a/b\\c\"d", String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }),
        "délà 温度 🌡️\u{7F}\u{2028}", "{\"json\": [1, 2]}",
    ]

    static func lifecycle(_ json: String) throws -> AlertLifecycle {
        try JSONDecoder().decode(AlertLifecycle.self, from: Data(json.utf8))
    }

    static func records() throws -> [JournalRecord] {
        let lifecycles: [AlertLifecycle?] = [
            nil, AlertLifecycle(),
            try lifecycle(
                """
                {"confirmed": {"element": "e/1", "state": "ACTIVE", "severity": "CRITICAL", "description": "hot \\"x\\"",
                 "actions": ["EMAIL", "SMS"]}, "confirmedOutcome": 2,
                 "pending": {"candidate": {"element": "e", "state": "RESOLVED", "severity": "", "description": "ok",
                 "actions": []}, "outcome": 0, "since": 1700000000, "until": 1700000060},
                 "flapScore": 1.25, "flapScoreAt": 1700000005, "isFlapping": true}
                """),
        ]
        var records: [JournalRecord] = []
        for (position, text) in awkward.enumerated() {
            let alert = JournalRecord.JournaledAlert(
                state: position % 2 == 0 ? .active : .resolved, severity: position % 2 == 0 ? "CRITICAL" : "",
                description: text, actions: Array(awkward.prefix(position % 4)), publishedRule: text,
                publishedDescription: awkward[(position + 1) % awkward.count],
                time: [0, 9, 10, 1_700_000_000, UInt64.max, 99, 100][position], ttl: [0, UInt32.max, 180][position % 3])
            for lifecycle in lifecycles {
                records.append(
                    JournalRecord(
                        rule: text, fingerprint: String(UInt64(position) &* 0x9e37_79b9_7f4a_7c15, radix: 16),
                        element: awkward[(position + 2) % awkward.count], alert: alert, lifecycle: lifecycle))
                records.append(
                    JournalRecord(rule: text, fingerprint: "", element: text, alert: nil, lifecycle: lifecycle))
            }
        }
        return records
    }

    static func jsonEncoderLine(_ record: JournalRecord) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try encoder.encode(record)) + [UInt8(ascii: "\n")]
    }

    @Test func aRecordIsWrittenAsJSONEncoderWroteIt() throws {
        let encoder = JournalLine.lifecycleEncoder()
        for record in try Self.records() {
            var line: [UInt8] = []
            #expect(JournalLine.append(record, lifecycleEncoder: encoder, to: &line))
            #expect(String(decoding: line, as: UTF8.self) == String(decoding: try Self.jsonEncoderLine(record), as: UTF8.self))
            let decoded = try JSONDecoder().decode(JournalRecord.self, from: Data(line.dropLast()))
            #expect(decoded == record)
        }
    }

    @Test func aCachedAlertIsWrittenAsItsRecord() throws {
        let encoder = JournalLine.lifecycleEncoder()
        for record in try Self.records() {
            var line: [UInt8] = []
            JournalLine.append(
                alert: record.alert?.cachedAlert(element: record.element), element: record.element,
                lifecycle: record.lifecycle, rule: JournalLine.RuleMembers(rule: record.rule, fingerprint: record.fingerprint),
                lifecycleEncoder: encoder, to: &line)
            #expect(line == (try Self.jsonEncoderLine(record)))
        }
    }

    @Test(arguments: [0, 1, 9, 10, 11, 99, 100, 1_000_000_007, 10_000_000_000_000_000_000, UInt64.max])
    func decimalsAreStringDigits(_ value: UInt64) {
        var digits: [UInt8] = []
        JournalLine.appendDecimal(value, to: &digits)
        #expect(String(decoding: digits, as: UTF8.self) == String(value))
    }
}
