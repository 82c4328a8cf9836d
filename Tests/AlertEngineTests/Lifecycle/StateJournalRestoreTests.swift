import Foundation
import TestSupport
import Testing

@testable import AlertEngine

/// The state journal across a restart, on a virtual clock: each "run" is a fresh `EngineCore`
/// over the same rules directory and journal, as after a SIGKILL (nothing closed).
@Suite struct StateJournalRestoreTests {
    static let rule = """
        {"threshold": {"rule_name": "t@room-1", "target": "temperature@room-1", "element": "room-1",
         "values": [{"high_critical": "40"}],
         "results": [{"high_critical": {"action": [], "description": "hot"}}]}}
        """
    static let pendingRule = """
        {"threshold": {"rule_name": "p@room-1", "target": "humidity@room-1", "element": "room-1",
         "values": [{"high_critical": "80"}], "for": {"critical": "60"},
         "results": [{"high_critical": {"action": [], "description": "wet"}}]}}
        """

    final class Run {
        let core: EngineCore
        var time: UInt64
        init(_ scratch: ScratchDirectory, journal: Bool, time: UInt64) throws {
            self.time = time
            let log = CapturedLog()
            let directory = try RuleDirectory(path: scratch.path("rules"), logger: log.logger)
            var clock: () -> UInt64 = { 0 }
            core = EngineCore(storage: directory, now: { clock() }, logger: log.logger)
            clock = { [unowned self] in self.time }
            try core.load(from: directory)
            if journal { core.restore(from: try StateJournal(path: scratch.path("state/journal"))) }
        }
        func metric(_ topic: String, _ value: String) -> [String] {
            time += 5
            let at = topic.firstIndex(of: "@")!
            return core.handleMetric(
                quantity: String(topic[..<at]), asset: String(topic[topic.index(after: at)...]), value: value,
                unit: "", ttl: 60, auxTime: nil
            ).map { "\($0.state.rawValue) \($0.severity)" }
        }
    }

    static func scratch() throws -> ScratchDirectory {
        let scratch = try ScratchDirectory("journal")
        try FileManager.default.createDirectory(atPath: scratch.path("rules"), withIntermediateDirectories: true)
        try scratch.create("rules/t@room-1.rule", rule)
        try scratch.create("rules/p@room-1.rule", pendingRule)
        return scratch
    }

    @Test func anActiveAlertStillBadAfterARestartIsNotRaisedAgain() throws {
        let scratch = try Self.scratch()
        let first = try Run(scratch, journal: true, time: 1_000)
        #expect(first.metric("temperature@room-1", "45") == ["ACTIVE CRITICAL"])
        let second = try Run(scratch, journal: true, time: 1_010)
        #expect(second.metric("temperature@room-1", "46") == [])
        #expect(second.metric("temperature@room-1", "20") == ["RESOLVED "])
        #expect(second.metric("temperature@room-1", "20") == [])
        let third = try Run(scratch, journal: true, time: 1_100)
        #expect(third.metric("temperature@room-1", "20") == [])
    }

    @Test func withoutTheJournalARestartRaisesAgainAsToday() throws {
        let scratch = try Self.scratch()
        let first = try Run(scratch, journal: false, time: 1_000)
        #expect(first.metric("temperature@room-1", "45") == ["ACTIVE CRITICAL"])
        let second = try Run(scratch, journal: false, time: 1_010)
        #expect(second.metric("temperature@room-1", "46") == ["ACTIVE CRITICAL"])
        #expect(!FileManager.default.fileExists(atPath: scratch.path("state/journal")))
    }

    @Test func pendingProgressIsKeptAcrossARestart() throws {
        let scratch = try Self.scratch()
        let first = try Run(scratch, journal: true, time: 1_000)
        #expect(first.metric("humidity@room-1", "50") == ["RESOLVED "])
        #expect(first.metric("humidity@room-1", "90") == [])  // pending since 1010
        let second = try Run(scratch, journal: true, time: 1_040)
        #expect(second.metric("humidity@room-1", "90") == [])  // 1045: 35 s held
        second.time = 1_065
        #expect(second.metric("humidity@room-1", "90") == ["ACTIVE CRITICAL"])  // 1070 ≥ 1010 + 60
    }

    @Test func aPendingFirstCrossingSurvivesACompaction() throws {
        let scratch = try Self.scratch()
        let first = try Run(scratch, journal: true, time: 1_000)
        // The first evaluation is a crossing that must hold 60 s: no alert, only a pending state.
        #expect(first.metric("humidity@room-1", "90") == [])  // pending since 1005
        // Enough publications of another rule for the journal to be rewritten.
        for index in 0...StateJournal.compactionSlack + 10 {
            _ = first.metric("temperature@room-1", index.isMultiple(of: 2) ? "45" : "20")
        }
        let lines = try String(contentsOfFile: scratch.path("state/journal"), encoding: .utf8)
            .split(separator: "\n").count
        #expect(lines < StateJournal.compactionSlack, "the journal was compacted: \(lines) lines")
        // After a restart the crossing has held far longer than 60 s: it is raised now, not
        // pending again from the start.
        let second = try Run(scratch, journal: true, time: first.time)
        #expect(second.metric("humidity@room-1", "90") == ["ACTIVE CRITICAL"])
    }

    @Test func aRuleChangedWhileDownStartsEmpty() throws {
        let scratch = try Self.scratch()
        let first = try Run(scratch, journal: true, time: 1_000)
        #expect(first.metric("temperature@room-1", "45") == ["ACTIVE CRITICAL"])
        try scratch.create("rules/t@room-1.rule", Self.rule.replacingOccurrences(of: "hot", with: "very hot"))
        let second = try Run(scratch, journal: true, time: 1_010)
        #expect(second.metric("temperature@room-1", "46") == ["ACTIVE CRITICAL"])
    }

    @Test func aTornLastLineIsIgnored() throws {
        let scratch = try Self.scratch()
        let first = try Run(scratch, journal: true, time: 1_000)
        #expect(first.metric("temperature@room-1", "45") == ["ACTIVE CRITICAL"])
        let handle = try #require(FileHandle(forWritingAtPath: scratch.path("state/journal")))
        handle.seekToEndOfFile()
        handle.write(Data(#"{"rule":"t@room-1","elem"#.utf8))
        handle.closeFile()
        let second = try Run(scratch, journal: true, time: 1_010)
        #expect(second.metric("temperature@room-1", "46") == [])
    }
}
