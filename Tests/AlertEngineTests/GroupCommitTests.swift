import Foundation
import Logging
import TestSupport
import Testing

@testable import AlertEngine

/// Group commit of ADD requests (decisions.md D6): one flush for several rule files, replies in
/// request order, each OK only once its file is durable.
@Suite struct GroupCommitTests {
    static let diskFailure = ["ERROR", "Internal error - operating with storage/disk failed."]

    /// An engine core whose storage is a ``GroupCommitStorage`` on a scratch rules directory.
    final class Engine {
        let scratch: ScratchDirectory
        let directory: RuleDirectory
        let storage: GroupCommitStorage
        let log = CapturedLog()
        let core: EngineCore

        init() throws {
            scratch = try ScratchDirectory("group-commit")
            directory = try RuleDirectory(path: scratch.path, logger: log.logger)
            storage = GroupCommitStorage(directory: directory)
            core = EngineCore(storage: storage, now: { 1_700_000_000 }, logger: log.logger)
        }

        /// Handles `requests` (frames as text) as one group; the replies as text.
        func group(_ requests: [[String]]) -> [[String]?] {
            let outcomes = storage.handleAdds(
                requests.map { .init(subject: EngineCore.mailboxSubject, frames: $0.map { Array($0.utf8) }, client: "test") },
                core: core)
            #expect(outcomes.count == requests.count)
            return outcomes.map { $0.reply?.map { String(decoding: $0, as: UTF8.self) } }
        }

        /// Every entry of the rules directory that is a temporary file.
        func temporaryFiles() throws -> [String] {
            try scratch.entries().filter { RuleFileName.isTemporaryFileName(Array($0.utf8)) }
        }
    }

    static func rule(_ index: Int) -> String { EngineMailboxTests.simple("r\(index)", target: "abc@e\(index)", element: "e\(index)") }

    @Test func aGroupOfAddsIsAnsweredInOrderWithEveryFileStored() throws {
        let engine = try Engine()
        var requests = (0..<20).map { ["ADD", Self.rule($0)] }
        requests.insert(["ADD", Self.rule(3)], at: 10)  // a duplicate of an ADD earlier in the group
        requests.insert(["ADD", "{ nope"], at: 15)
        let replies = engine.group(requests)
        for (request, reply) in zip(requests, replies) {
            if request[1] == "{ nope" {
                #expect(reply == ["ERROR", "BAD_JSON"])
            } else if request[1] == Self.rule(3) && reply?.first == "ERROR" {
                #expect(reply == ["ERROR", "ALREADY_EXISTS"])
            } else {
                #expect(reply == ["OK", request[1]])  // §9.5: the request frame echoed
            }
        }
        #expect(replies.filter { $0 == ["ERROR", "ALREADY_EXISTS"] }.count == 1)
        #expect(engine.core.ruleNames == (0..<20).map { "r\($0)" })
        for index in 0..<20 {
            let stored = try engine.scratch.read("r\(index).rule")
            #expect(try RuleParser.parse(stored).name == "r\(index)")
        }
        #expect(try engine.temporaryFiles() == [])
        #expect(engine.storage.groupsCommitted == 1)
        #expect(engine.storage.filesInGroups == 20)
    }

    @Test func aFileFailingInTheCommitAnswersItsAddWithTheDiskErrorAndTheOthersSucceed() throws {
        let engine = try Engine()
        // The rename of r2's file onto a directory fails (EISDIR) after r2 was handled.
        try FileManager.default.createDirectory(atPath: engine.scratch.path("r2.rule"), withIntermediateDirectories: false)
        let requests = (0..<5).map { ["ADD", Self.rule($0)] }
        let replies = engine.group(requests)
        #expect(replies[2] == Self.diskFailure)
        for index in [0, 1, 3, 4] {
            #expect(replies[index] == ["OK", requests[index][1]])
            #expect(try RuleParser.parse(try engine.scratch.read("r\(index).rule")).name == "r\(index)")
        }
        #expect(engine.core.ruleNames == ["r0", "r1", "r3", "r4"])  // memory matches the directory
        #expect(engine.core.rule(named: "r2") == nil)
        #expect(try engine.temporaryFiles() == [])
        #expect(engine.log.contains("r2", "not added after all", atLeast: .error))
        // Once the obstacle is gone, the rule can be added.
        try FileManager.default.removeItem(atPath: engine.scratch.path("r2.rule"))
        #expect(engine.group([["ADD", Self.rule(2)], ["ADD", Self.rule(5)]]) == [["OK", Self.rule(2)], ["OK", Self.rule(5)]])
        #expect(engine.core.ruleCount == 6)
    }

    @Test func anAddRefusedBeforeItsFileIsStagedKeepsTheOthersInPlace() throws {
        let engine = try Engine()
        let tooLong = String(repeating: "x", count: 300)  // no file name can hold it
        let requests = [["ADD", Self.rule(0)], ["ADD", EngineMailboxTests.simple(tooLong)], ["ADD", Self.rule(1)]]
        let replies = engine.group(requests)
        #expect(replies == [["OK", requests[0][1]], Self.diskFailure, ["OK", requests[2][1]]])
        #expect(engine.core.ruleNames == ["r0", "r1"])
        #expect(try engine.scratch.entries() == ["r0.rule", "r1.rule"])
    }

    @Test func otherRequestsOfAGroupAreHandledInOrder() throws {
        let engine = try Engine()
        // handleAdds takes plain ADDs; anything else still gets its normal answer.
        let replies = engine.group([["ADD", Self.rule(0)], ["GET", "r0"], ["ADD", Self.rule(1)]])
        #expect(replies[0] == ["OK", Self.rule(0)])
        #expect(replies[1]?.first == "OK")
        #expect(replies[2] == ["OK", Self.rule(1)])
    }

    @Test(arguments: [false, true])
    func aBatchFlushesWithSyncfsOrWithOneFsyncPerFile(syncingEachFile: Bool) throws {
        let scratch = try ScratchDirectory("rule-file-batch")
        let directory = try RuleDirectory(path: scratch.path)
        let batch = RuleFileBatch(directory: directory, syncingEachFile: syncingEachFile)
        for index in 0..<3 {
            try batch.stage(Array("rule \(index)".utf8), to: try RuleFileName(rule: "f\(index)"))
        }
        #expect(try scratch.entries().filter { $0.hasSuffix(".rule") } == [])  // nothing visible yet
        #expect(batch.commit() == [nil, nil, nil])
        #expect(try scratch.entries() == ["f0.rule", "f1.rule", "f2.rule"])
        #expect(try scratch.read("f1.rule") == "rule 1")
    }

    @Test func anUncommittedBatchLeavesNothingBehind() throws {
        let scratch = try ScratchDirectory("rule-file-batch")
        let directory = try RuleDirectory(path: scratch.path)
        do {
            let batch = RuleFileBatch(directory: directory, syncingEachFile: true)
            try batch.stage(Array("x".utf8), to: try RuleFileName(rule: "f"))
            #expect(try scratch.entries().count == 1)
        }
        #expect(try scratch.entries() == [])
    }

    @Test func aLoneAddIsNotGroupedAndRunsOfAddsAre() {
        #expect(GroupCommitStorage.partition(plainAdds: []) == [])
        #expect(GroupCommitStorage.partition(plainAdds: [true]) == [0..<1])
        #expect(GroupCommitStorage.partition(plainAdds: [false, true, false]) == [0..<1, 1..<2, 2..<3])
        #expect(GroupCommitStorage.partition(plainAdds: [true, true, false, true, true, true]) == [0..<2, 2..<3, 3..<6])
        #expect(GroupCommitStorage.partition(plainAdds: [false, false, true, true]) == [0..<1, 1..<2, 2..<4])
    }

    @Test func plainAddsAreTwoFrameAddsOnTheRulesSubject() {
        let add = [Array("ADD".utf8), Array("{}".utf8)]
        #expect(EngineCore.isPlainAdd(subject: EngineCore.mailboxSubject, frames: add))
        #expect(!EngineCore.isPlainAdd(subject: "other", frames: add))
        #expect(!EngineCore.isPlainAdd(subject: EngineCore.mailboxSubject, frames: add + [Array("old".utf8)]))
        #expect(!EngineCore.isPlainAdd(subject: EngineCore.mailboxSubject, frames: [Array("GET".utf8), []]))
    }

    @Test func syncfsIsTrustedFromLinux58On() {
        #expect(FileSystem.isRelease("5.8.0", atLeast: (5, 8)))
        #expect(FileSystem.isRelease("6.18.44-fc-v595", atLeast: (5, 8)))
        #expect(!FileSystem.isRelease("5.7.19-generic", atLeast: (5, 8)))
        #expect(!FileSystem.isRelease("4.19.0", atLeast: (5, 8)))
        #expect(!FileSystem.isRelease("garbage", atLeast: (5, 8)))
        #if os(Linux)
        // The symbol is found wherever the kernel is recent enough to trust it.
        #expect((FileSystem.syncFileSystemCall != nil) == FileSystem.kernelVersion(atLeast: (5, 8)))
        #endif
    }
}
