import Foundation
import TestSupport
import Testing

@testable import AlertEngine

/// When the journal asks to be rewritten: past max(slack, factor × live) lines more than the
/// live entries, so that with many live entries the rewrites stay a fixed share of the writes.
@Suite struct StateJournalCompactionTests {
    /// A journal at a scratch path holding `count` removal lines.
    static func journal(lines count: Int) throws -> (StateJournal, ScratchDirectory) {
        let scratch = try ScratchDirectory("journal-compaction")
        let journal = try StateJournal(path: scratch.path("journal"))
        let rule = JournalLine.RuleMembers(rule: "r", fingerprint: "")
        for index in 0..<count {
            journal.stage(alert: nil, element: "e\(index)", lifecycle: nil, rule: rule)
        }
        try journal.flush()
        return (journal, scratch)
    }

    @Test func fewLiveEntriesWaitForTheSlack() throws {
        let (journal, _) = try Self.journal(lines: StateJournal.compactionSlack + 100)
        #expect(!journal.needsCompaction(live: 100))
        #expect(journal.needsCompaction(live: 99))
    }

    @Test func manyLiveEntriesWaitForFourTimesTheirNumber() throws {
        let live = 5_000
        let (journal, _) = try Self.journal(lines: live + StateJournal.compactionFactor * live)
        // 20,000 lines more than live: past the slack, not past 4 × live.
        #expect(!journal.needsCompaction(live: live))
        #expect(journal.needsCompaction(live: live - 1))
    }

    @Test func theNextCountIsNotDueBeforeTheMarginCouldBeUsedUp() throws {
        let (journal, _) = try Self.journal(lines: 1_000)
        #expect(!journal.needsCompaction(live: 1_000))
        // A margin of 10,000 lines shrinks by at most 6 per line: no count for 1,666 lines.
        #expect(!journal.mayNeedCompaction)
        let rule = JournalLine.RuleMembers(rule: "r", fingerprint: "")
        for index in 0..<(StateJournal.compactionSlack / (2 + StateJournal.compactionFactor) + 1) {
            journal.stage(alert: nil, element: "f\(index)", lifecycle: nil, rule: rule)
        }
        try journal.flush()
        #expect(journal.mayNeedCompaction)
    }
}
