import Foundation
import Testing

@testable import AlertEngine

/// Start-up load and operator changes to the rules directory (engine.md §10.2, decisions.md D6).
@Suite struct EngineLoadTests {
    @Test func loadsTheShippedWarrantyRule() throws {
        let engine = try EngineHarness(files: ["warranty.rule": try ReferenceFiles.rule("warranty.rule")])
        let report = try engine.load()
        #expect(report.loaded == ["warranty"])
        #expect(report.skipped.isEmpty)
        #expect(engine.metric("end_warranty_date@ups-1", "30").map(\.subject) == ["warranty/WARNING@ups-1"])
        // Loaded rules are not rewritten.
        #expect(try engine.scratch.read("warranty.rule") == ReferenceFiles.rule("warranty.rule"))
    }

    @Test func invalidFilesAreSkippedLoggedAndLeftUntouched() throws {
        let invalid = [
            "bad.rule": "{ not json",
            "lua.rule": try ReferenceFiles.rule("complexthreshold_lua_error.rule"),
            "ok_notok.rule": try ReferenceFiles.rule("complexthreshold_ok_notok.rule"),
            "other-name.rule": try ReferenceFiles.rule("simplethreshold.rule"),
        ]
        var files = invalid
        files["SIMPLETHRESHOLD2.rule"] = try ReferenceFiles.rule("simplethreshold2.rule")
        files["single.rule"] = try ReferenceFiles.rule("single.rule")
        files["notes.txt"] = "not a rule"
        let engine = try EngineHarness(files: files)
        let report = try engine.load()
        #expect(Set(report.loaded) == ["simplethreshold2", "single"])
        #expect(Set(report.skipped.map(\.file)) == Set(invalid.keys))
        for (name, text) in invalid {
            #expect(engine.log.contains(name, atLeast: .warning), "no log line names \(name)")
            #expect(try engine.scratch.read(name) == text)
        }
        #expect(try engine.scratch.entries().count == files.count)
    }

    /// Start-up reads and loads one file at a time; the report is the one of a full listing.
    @Test func loadingWhileListingReportsAsLoadingAListing() throws {
        let files = [
            "bad.rule": "{ not json",
            "single.rule": try ReferenceFiles.rule("single.rule"),
            "SINGLE.rule": try ReferenceFiles.rule("single.rule"),
            "other-name.rule": try ReferenceFiles.rule("simplethreshold.rule"),
            "SIMPLETHRESHOLD2.rule": try ReferenceFiles.rule("simplethreshold2.rule"),
        ]
        let streamed = try EngineHarness(files: files)
        try streamed.scratch.create("empty.rule", "")
        try FileManager.default.createDirectory(
            atPath: streamed.scratch.path + "/folder.rule", withIntermediateDirectories: false)
        let listed = try EngineHarness(files: files)
        try listed.scratch.create("empty.rule", "")
        try FileManager.default.createDirectory(
            atPath: listed.scratch.path + "/folder.rule", withIntermediateDirectories: false)
        let report = try streamed.core.load(from: streamed.directory)
        let expected = listed.core.load(try listed.directory.list())
        #expect(report.loaded == ["simplethreshold2", "single"])
        #expect(report.loaded == expected.loaded)
        // The unreadable entry comes first and names its path, which differs between the two.
        #expect(report.skipped.map(\.reason) == expected.skipped.map(\.reason))
        #expect(report.skipped.dropFirst().map(\.file) == ["bad.rule", "empty.rule", "other-name.rule", "single.rule"])
        #expect(report.skipped.first?.reason == "unreadable")
        #expect(report.skipped.first?.file.contains("folder.rule") == true)
    }

    /// A rule loaded from a file whose name differs in case is deleted through that file.
    @Test func deleteRemovesTheFileTheRuleWasLoadedFrom() throws {
        let text = try ReferenceFiles.rule("simplethreshold2.rule")
        let engine = try EngineHarness(files: ["SIMPLETHRESHOLD2.rule": text])
        try engine.load()
        #expect(engine.reply("DELETE", "simplethreshold2") == ["OK", "simplethreshold2"])
        #expect(try engine.scratch.entries().isEmpty)
    }

    @Test func duplicateRuleNameIsSkipped() throws {
        let single = try ReferenceFiles.rule("single.rule")
        let engine = try EngineHarness(files: ["single.rule": single, "SINGLE.rule": single])
        let report = try engine.load()
        #expect(report.loaded == ["single"])
        #expect(report.skipped.map(\.file) == ["single.rule"])  // byte order: SINGLE.rule first
    }

    /// The sensor and Xphase refusals do not apply at load.
    @Test func loadSkipsAddOnlyChecks() throws {
        let name = "humidity.default@sensor-1"
        let engine = try EngineHarness(files: ["\(name).rule": EngineMailboxTests.simple(name)])
        #expect(try engine.load().loaded == [name])
    }

    // MARK: dropped and removed files

    @Test func droppedFileIsPickedUp() throws {
        let engine = try EngineHarness()
        let text = try ReferenceFiles.rule("simplethreshold.rule")
        let file = try RuleFileName(rule: "simplethreshold")
        #expect(engine.core.handleDroppedFile(file, contents: Array(text.utf8)).isEmpty)
        #expect(engine.core.ruleNames == ["simplethreshold"])
        #expect(engine.metric("abc@fff", "10").count == 1)
    }

    @Test func droppedFileReplacesTheLoadedRule() throws {
        let engine = try EngineHarness()
        engine.add(EngineMailboxTests.simple("r1"))
        _ = engine.metric("abc@fff", "10")
        let file = try RuleFileName(rule: "r1")
        // The same rule again (e.g. our own write seen late) changes nothing.
        let same = Array(EngineMailboxTests.simple("r1").utf8)
        #expect(engine.core.handleDroppedFile(file, contents: same).isEmpty)
        #expect(engine.core.cachedAlert(rule: "r1", element: "fff") != nil)
        let changed = Array(EngineMailboxTests.simple("r1", target: "other@fff").utf8)
        let published = engine.core.handleDroppedFile(file, contents: changed)
        #expect(published.map(\.state) == [.resolved])
        #expect(published.map(\.description) == ["low"])
        #expect(engine.metric("other@fff", "10").count == 1)
        #expect(engine.metric("abc@fff", "10").isEmpty)
    }

    @Test func invalidDroppedFileIsLoggedAndLeftAlone() throws {
        let engine = try EngineHarness()
        engine.add(EngineMailboxTests.simple("r1"))
        let file = try RuleFileName(rule: "r1")
        #expect(engine.core.handleDroppedFile(file, contents: Array("{ broken".utf8)).isEmpty)
        #expect(engine.log.contains("r1.rule", atLeast: .warning))
        #expect(engine.core.rule(named: "r1")?.targets == ["abc@fff"])
        let mismatch = try RuleFileName(rule: "zzz")
        #expect(engine.core.handleDroppedFile(mismatch, contents: Array(EngineMailboxTests.simple("r2").utf8)).isEmpty)
        #expect(engine.core.ruleNames == ["r1"])
    }

    @Test func removedFileDropsTheRule() throws {
        let engine = try EngineHarness()
        engine.add(EngineMailboxTests.simple("r1"))
        _ = engine.metric("abc@fff", "70")
        let published = engine.core.handleRemovedFile(try RuleFileName(rule: "r1"))
        #expect(published.map(\.description) == ["Rule deleted"])
        #expect(engine.core.ruleCount == 0)
        #expect(engine.core.handleRemovedFile(try RuleFileName(rule: "r1")).isEmpty)
    }
}
