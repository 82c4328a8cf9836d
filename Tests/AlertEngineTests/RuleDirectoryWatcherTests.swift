import Foundation
import Testing
import TestSupport

@testable import AlertEngine

extension RuleDirectoryWatcher {
    /// Drains events until `last` has been reported (giving up after 5 s); returns all of them.
    func drain(until last: RuleDirectoryChange) throws -> [RuleDirectoryChange] {
        var changes: [RuleDirectoryChange] = []
        _ = try eventually {
            changes += try drainEvents()
            return changes.contains(last)
        }
        return changes
    }
}

@Suite struct RuleDirectoryWatcherTests {
    private func file(_ rule: String) throws -> RuleFileName { try RuleFileName(rule: rule) }

    /// A scratch rules directory with a watcher on it.
    private func watched() throws -> (ScratchDirectory, RuleDirectory, RuleDirectoryWatcher) {
        let scratch = try ScratchDirectory("watch")
        let directory = try RuleDirectory(path: scratch.path)
        return (scratch, directory, try RuleDirectoryWatcher(directory: directory))
    }

    @Test func reportsARuleFileWrittenInPlace() throws {
        let (scratch, _, watcher) = try watched()
        #expect(try watcher.drainEvents() == [])
        try scratch.create("dropped.rule", "{}")
        #expect(try watcher.drain(until: .written(try file("dropped"))) == [.written(try file("dropped"))])
    }

    @Test func reportsARuleFileMovedIntoTheDirectory() throws {
        let (scratch, _, watcher) = try watched()
        let outside = try ScratchDirectory("outside")
        try outside.create("moved.rule.new", "{}")
        try FileManager.default.moveItem(atPath: outside.path("moved.rule.new"), toPath: scratch.path("moved.rule"))
        #expect(try watcher.drain(until: .written(try file("moved"))) == [.written(try file("moved"))])
    }

    @Test func reportsDeletionsAndMovesOut() throws {
        let (scratch, _, watcher) = try watched()
        try scratch.create("a.rule", "{}")
        try scratch.create("b.rule", "{}")
        _ = try watcher.drain(until: .written(try file("b")))
        try FileManager.default.removeItem(atPath: scratch.path("a.rule"))
        try FileManager.default.moveItem(atPath: scratch.path("b.rule"), toPath: scratch.path("b.rule.disabled"))
        #expect(try watcher.drain(until: .removed(try file("b"))) == [.removed(try file("a")), .removed(try file("b"))])
    }

    @Test func ignoresTemporaryFilesAndNamesWithoutTheRuleExtension() throws {
        let (scratch, _, watcher) = try watched()
        try scratch.create(".x.rule.tmp-abcdefgh", "{}")
        try FileManager.default.removeItem(atPath: scratch.path(".x.rule.tmp-abcdefgh"))
        try scratch.create("x.rule.new", "{}")
        try scratch.create("x.RULE", "{}")
        try scratch.create("state", "{}")
        try FileManager.default.createDirectory(atPath: scratch.path("dir.rule"), withIntermediateDirectories: false)
        try FileManager.default.removeItem(atPath: scratch.path("dir.rule"))
        try scratch.create("sentinel.rule", "{}")
        #expect(try watcher.drain(until: .written(try file("sentinel"))) == [.written(try file("sentinel"))])
    }

    @Test func ignoresTheEnginesOwnWritesRemovalsAndUpdates() throws {
        let (scratch, directory, watcher) = try watched()
        try directory.write(Array("{}".utf8), to: try file("mine"))
        try directory.write(Array("{ }".utf8), to: try file("mine"))
        try directory.replace(try file("mine"), with: try file("renamed"), contents: Array("{}".utf8))
        _ = try directory.remove(try file("renamed"))
        _ = try directory.remove(try file("never-existed"))
        try scratch.create("sentinel.rule", "{}")
        #expect(try watcher.drain(until: .written(try file("sentinel"))) == [.written(try file("sentinel"))])
    }

    @Test func reportsAnOutsideWriteOfANameTheEngineAlsoWrote() throws {
        let (scratch, directory, watcher) = try watched()
        try directory.write(Array("{}".utf8), to: try file("shared"))
        try scratch.create("shared.rule", "{\"by\":\"operator\"}")
        #expect(try watcher.drain(until: .written(try file("shared"))) == [.written(try file("shared"))])
    }

    @Test func descriptorBecomesReadableWhenAChangeIsQueued() throws {
        let (scratch, _, watcher) = try watched()
        var entry = pollfd(fd: watcher.fileDescriptor, events: Int16(POLLIN), revents: 0)
        #expect(poll(&entry, 1, 0) == 0)
        try scratch.create("x.rule", "{}")
        #expect(poll(&entry, 1, 5000) == 1)
        #expect(try watcher.drainEvents() == [.written(try file("x"))])
        #expect(poll(&entry, 1, 0) == 0)
    }

    @Test func reportsTheEndOfTheWatchWhenTheDirectoryIsRemoved() throws {
        let (scratch, _, watcher) = try watched()
        try FileManager.default.removeItem(atPath: scratch.path)
        #expect(try watcher.drain(until: .watchEnded).last == .watchEnded)
    }

    @Test func closedWatcherReportsNothing() throws {
        let (scratch, directory, watcher) = try watched()
        watcher.close()
        #expect(watcher.fileDescriptor == -1)
        try scratch.create("x.rule", "{}")
        try directory.write(Array("{}".utf8), to: try file("y"))
        #expect(try watcher.drainEvents() == [])
    }
}
