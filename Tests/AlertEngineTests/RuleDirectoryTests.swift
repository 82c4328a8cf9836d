import Foundation
import Testing

@testable import AlertEngine

@Suite struct RuleDirectoryTests {
    private func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
    private func file(_ rule: String) throws -> RuleFileName { try RuleFileName(rule: rule) }

    @Test func createsTheDirectoryWithItsParents() throws {
        let scratch = try ScratchDirectory("rules")
        let path = scratch.path("a/b/rules")
        let directory = try RuleDirectory(path: path)
        #expect(directory.path == path)
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue)
        _ = try RuleDirectory(path: path)  // already there: fine
    }

    @Test func refusesADirectoryPathThatIsAFile() throws {
        let scratch = try ScratchDirectory("rules")
        try scratch.create("plain", "x")
        #expect(throws: RuleDirectoryError.self) { try RuleDirectory(path: scratch.path("plain")) }
        #expect(throws: RuleDirectoryError.self) { try RuleDirectory(path: scratch.path("plain/sub")) }
    }

    @Test func writeStoresTheBytesUnderTheRuleNameAndLeavesNoTemporaryFile() throws {
        let scratch = try ScratchDirectory("rules")
        let directory = try RuleDirectory(path: scratch.path)
        try directory.write(bytes("{\"one\":1}"), to: try file("load.default@ups-1"))
        try directory.write(bytes("{\"two\":2}"), to: try file("load.default@ups-1"))
        #expect(try scratch.entries() == ["load.default@ups-1.rule"])
        #expect(try scratch.read("load.default@ups-1.rule") == "{\"two\":2}")
    }

    @Test func keepsUTF8RuleNamesAsFileNames() throws {
        let scratch = try ScratchDirectory("rules")
        let directory = try RuleDirectory(path: scratch.path)
        let name = "realpower.default@Žluťoučký Kůň"
        try directory.write(bytes("{}"), to: try file(name))
        #expect(try scratch.entries() == ["\(name).rule"])
        let listing = try directory.list()
        #expect(listing.files.map(\.name.ruleName) == [name])
    }

    @Test(arguments: [
        ("", RuleNameProblem.empty),
        (".", .dotOrDotDot),
        ("..", .dotOrDotDot),
        ("a/b", .containsSlash),
        ("../escape", .containsSlash),
        ("/etc/passwd", .containsSlash),
        ("nul\u{0}byte", .containsNUL),
        (String(repeating: "x", count: 251), .tooLong(bytes: 251)),
        (String(repeating: "Ž", count: 126), .tooLong(bytes: 252)),
    ])
    func refusesNamesThatCannotBeAFileInTheDirectory(name: String, problem: RuleNameProblem) {
        #expect(throws: RuleDirectoryError.invalidRuleName(name, problem)) { try RuleFileName(rule: name) }
    }

    @Test func acceptsTheLongestNameThatFitsAndWritesItDespiteTheLongerTemporaryName() throws {
        let scratch = try ScratchDirectory("rules")
        let directory = try RuleDirectory(path: scratch.path)
        let name = String(repeating: "Ž", count: 125)  // 250 bytes + ".rule" = 255
        try directory.write(bytes("{}"), to: try file(name))
        #expect(try scratch.entries() == ["\(name).rule"])
        #expect(try file("..x").fileName == "..x.rule")
    }

    @Test func writeIntoAVanishedDirectoryThrowsAFileSystemError() throws {
        let scratch = try ScratchDirectory("rules")
        let directory = try RuleDirectory(path: scratch.path("gone"))
        try FileManager.default.removeItem(atPath: scratch.path("gone"))
        #expect {
            try directory.write(bytes("{}"), to: try file("x"))
        } throws: { error in
            guard case .fileSystem(let failure) = error as? RuleDirectoryError else { return false }
            return failure.isNotFound
        }
        #expect(throws: RuleDirectoryError.self) { try directory.list() }
    }

    @Test func listingRemovesOurStrayTemporaryFilesAndKeepsTheRuleIntact() throws {
        let scratch = try ScratchDirectory("rules")
        let directory = try RuleDirectory(path: scratch.path)
        try directory.write(bytes("{\"old\":true}"), to: try file("x"))
        // A crash after writing part of the replacement, before its rename.
        try scratch.create(".x.rule.tmp-k3j9x0qa", "{\"new\":tr")
        // Names that only look similar are not ours and stay.
        try scratch.create(".x.rule.tmp-SHORT", "keep")
        try scratch.create("x.rule.tmp-k3j9x0qa", "keep")

        let listing = try directory.list()

        #expect(listing.removedTemporaryFiles == [".x.rule.tmp-k3j9x0qa"])
        #expect(listing.files == [.init(name: try file("x"), contents: bytes("{\"old\":true}"))])
        #expect(try scratch.entries() == [".x.rule.tmp-SHORT", "x.rule", "x.rule.tmp-k3j9x0qa"])
    }

    @Test func listingReadsExactlyTheRuleExtensionInByteOrderOfNames() throws {
        let scratch = try ScratchDirectory("rules")
        for name in ["b.rule", "a.rule", "B.rule", "Ž.rule", "SIMPLETHRESHOLD2.rule"] {
            try scratch.create(name, "content of \(name)")
        }
        for name in ["x.rule.new", "x.RULE", "x.rule.txt", "state", "rule", "xrule"] {
            try scratch.create(name, "ignored")
        }
        let directory = try RuleDirectory(path: scratch.path)

        let listing = try directory.list()

        #expect(listing.files.map(\.name.fileName) == ["B.rule", "SIMPLETHRESHOLD2.rule", "a.rule", "b.rule", "Ž.rule"])
        #expect(listing.files.map { String(decoding: $0.contents, as: UTF8.self) }.first == "content of B.rule")
        #expect(listing.files.map(\.name.ruleName) == ["B", "SIMPLETHRESHOLD2", "a", "b", "Ž"])
        #expect(listing.skipped.isEmpty && listing.removedTemporaryFiles.isEmpty)
    }

    @Test func listingSkipsAndReportsEntriesThatCannotBeRuleFiles() throws {
        let scratch = try ScratchDirectory("rules")
        try scratch.create("good.rule", "{}")
        try scratch.create(".rule", "empty name")
        try scratch.create("...rule", "name ..")
        try FileManager.default.createDirectory(atPath: scratch.path("folder.rule"), withIntermediateDirectories: false)
        #expect(mkfifo(scratch.path("pipe.rule"), 0o644) == 0)  // must not hang the listing
        let directory = try RuleDirectory(path: scratch.path)

        let listing = try directory.list()

        #expect(listing.files.map(\.name.fileName) == ["good.rule"])
        #expect(
            listing.skipped == [
                .invalidRuleName("..", .dotOrDotDot), .invalidRuleName("", .empty),
                .notARegularFile(path: scratch.path("folder.rule")), .notARegularFile(path: scratch.path("pipe.rule")),
            ])
    }

    @Test func listingReportsNonUTF8FileNames() throws {
        let scratch = try ScratchDirectory("rules")
        let name: [UInt8] = [0x66, 0xFF, 0x2E, 0x72, 0x75, 0x6C, 0x65]  // "f\xFF.rule"
        let path = Array(scratch.path.utf8) + [0x2F] + name + [0]
        let fd = path.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) }
        }
        #expect(fd >= 0)
        close(fd)
        let listing = try RuleDirectory(path: scratch.path).list()
        #expect(listing.files.isEmpty)
        #expect(listing.skipped == [.fileNameNotUTF8(directory: scratch.path, bytes: name)])
    }

    @Test func removeDeletesTheFileAndTreatsAMissingFileAsAlreadyRemoved() throws {
        let scratch = try ScratchDirectory("rules")
        let directory = try RuleDirectory(path: scratch.path)
        try directory.write(bytes("{}"), to: try file("x"))
        #expect(try directory.remove(try file("x")) == true)
        #expect(try scratch.entries() == [])
        #expect(try directory.remove(try file("x")) == false)
    }

    @Test func removesTheFileARuleWasLoadedFromEvenIfItsCaseDiffers() throws {
        let scratch = try ScratchDirectory("rules")
        try scratch.create("SIMPLETHRESHOLD2.rule", "{}")
        let directory = try RuleDirectory(path: scratch.path)
        let loaded = try #require(try directory.list().files.first).name
        #expect(try directory.remove(loaded) == true)
        #expect(try scratch.entries() == [])
    }

    @Test func replaceUnderANewNameLeavesOnlyTheNewFile() throws {
        let scratch = try ScratchDirectory("rules")
        let directory = try RuleDirectory(path: scratch.path)
        try directory.write(bytes("old"), to: try file("old"))
        try directory.replace(try file("old"), with: try file("new"), contents: bytes("new"))
        #expect(try scratch.entries() == ["new.rule"])
        #expect(try scratch.read("new.rule") == "new")
    }

    @Test func replaceUnderTheSameNameOverwrites() throws {
        let scratch = try ScratchDirectory("rules")
        let directory = try RuleDirectory(path: scratch.path)
        try directory.write(bytes("v1"), to: try file("same"))
        try directory.replace(try file("same"), with: try file("same"), contents: bytes("v2"))
        #expect(try scratch.entries() == ["same.rule"])
        #expect(try scratch.read("same.rule") == "v2")
    }

    @Test func replaceWhoseOldFileVanishedStillWritesTheNewOne() throws {
        let scratch = try ScratchDirectory("rules")
        let directory = try RuleDirectory(path: scratch.path)
        try directory.replace(try file("gone"), with: try file("new"), contents: bytes("new"))
        #expect(try scratch.entries() == ["new.rule"])
    }

    @Test func replaceWritesTheNewFileBeforeRemovingTheOld() throws {
        // A second handle on the same directory has its own ledger, so its watcher sees the
        // first handle's changes as outside changes, in the order they hit the disk.
        let scratch = try ScratchDirectory("rules")
        let directory = try RuleDirectory(path: scratch.path)
        try directory.write(bytes("old"), to: try file("old"))
        let observer = try RuleDirectoryWatcher(directory: try RuleDirectory(path: scratch.path))

        try directory.replace(try file("old"), with: try file("new"), contents: bytes("new"))

        let changes = try observer.drain(until: .removed(try file("old")))
        #expect(changes == [.written(try file("new")), .removed(try file("old"))])
    }

    @Test func replaceThatCannotRemoveTheOldFileRestoresTheDirectoryAndThrows() throws {
        let scratch = try ScratchDirectory("rules")
        // unlink() of a directory fails (EISDIR), standing in for any removal failure.
        try FileManager.default.createDirectory(atPath: scratch.path("old.rule"), withIntermediateDirectories: false)
        let directory = try RuleDirectory(path: scratch.path)

        #expect(throws: RuleDirectoryError.self) {
            try directory.replace(try file("old"), with: try file("new"), contents: bytes("new"))
        }
        #expect(try scratch.entries() == ["old.rule"])
    }
}
