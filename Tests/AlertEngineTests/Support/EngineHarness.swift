import Foundation
import Logging
import TestSupport

@testable import AlertEngine

/// A storage that fails on demand around a real rules directory (disk failures, §9.4 step 5).
final class FailingStorage: RuleStorage {
    let directory: RuleDirectory
    var failWrites = false
    var failRemovals = false

    init(_ directory: RuleDirectory) { self.directory = directory }

    private func failure() -> RuleDirectoryError { .notARegularFile(path: "injected failure") }

    func write(_ contents: [UInt8], to file: RuleFileName) throws(RuleDirectoryError) {
        if failWrites { throw failure() }
        try directory.write(contents, to: file)
    }

    func remove(_ file: RuleFileName) throws(RuleDirectoryError) -> Bool {
        if failRemovals { throw failure() }
        return try directory.remove(file)
    }

    func replace(_ old: RuleFileName, with new: RuleFileName, contents: [UInt8]) throws(RuleDirectoryError) {
        if failWrites { throw failure() }
        try directory.replace(old, with: new, contents: contents)
    }
}

/// An engine core on a scratch rules directory with a settable clock and captured logs.
final class EngineHarness {
    let scratch: ScratchDirectory
    let directory: RuleDirectory
    let storage: FailingStorage
    let log = CapturedLog()
    /// The `audit/alarms` lines (engine.md §13).
    let auditLog = CapturedLog()
    var time: UInt64 = 1_700_000_000
    var shmTopics: Set<String> = []
    var assets: [String: [String: String]] = [:]
    private(set) var core: EngineCore!

    init(limits: LuaLimits = .default, dialect: RuleDialect = .original, files: [String: String] = [:]) throws {
        scratch = try ScratchDirectory("engine")
        for (name, text) in files { try scratch.create(name, text) }
        directory = try RuleDirectory(path: scratch.path, logger: log.logger)
        storage = FailingStorage(directory)
        core = EngineCore(
            storage: storage, now: { [unowned self] in time }, logger: log.logger,
            shmHasMetric: { [unowned self] in shmTopics.contains($0) },
            assetInfo: { [unowned self] in assets[$0] }, luaLimits: limits, dialect: dialect,
            audit: auditLog.logger)
    }

    /// Loads the scratch directory as at start-up (each file parsed as it is read).
    @discardableResult
    func load() throws -> LoadReport { try core.load(from: directory) }

    /// Sends a mailbox request with subject `rfc-evaluator-rules`.
    func request(_ frames: String...) -> RequestOutcome {
        core.handleRequest(subject: EngineCore.mailboxSubject, frames: frames.map { Array($0.utf8) })
    }

    /// The reply frames as text, nil when there is none.
    func reply(_ frames: String...) -> [String]? {
        core.handleRequest(subject: EngineCore.mailboxSubject, frames: frames.map { Array($0.utf8) })
            .reply?.map { String(decoding: $0, as: UTF8.self) }
    }

    /// Adds a rule, expecting OK.
    func add(_ json: String) {
        let reply = reply("ADD", json)
        precondition(reply?.first == "OK", "ADD failed: \(String(describing: reply))")
    }

    /// Feeds a metric.
    func metric(_ topic: String, _ value: String, ttl: UInt32 = 60) -> [AlertPublication] {
        let at = topic.firstIndex(of: "@")!
        return core.handleMetric(
            quantity: String(topic[..<at]), asset: String(topic[topic.index(after: at)...]), value: value,
            unit: "", ttl: ttl, auxTime: nil)
    }
}
