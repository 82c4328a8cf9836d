import AlertEngine
import Autoconfig
import Foundation
import Testing

/// The state file (engine.md §11.8): written atomically, read back, a corrupt one set aside.
@Suite struct StateFileTests {
    static func scratch() -> String {
        let path = NSTemporaryDirectory() + "autoconfig-state-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static let contents = StateFile.Contents(
        devices: [
            "ups-1": DeviceEntry(
                type: "device", subtype: "ups", operation: "update", updateTimestamp: "7",
                attributes: ["name": "UPS \"1\" Žluť"], configured: true, date: 1234),
            "rack-1": DeviceEntry(type: "rack", configured: false, date: 0),
        ],
        containers: ["rack-1": "Rack 1"])

    @Test func writtenContentsReadBackEqual() throws {
        let directory = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = StateFile(directory: directory)
        #expect(try file.read() == nil)
        try file.write(Self.contents)
        #expect(try file.read() == Self.contents)
        // Only the state file remains: no temporary file, nothing ending in `.rule`.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["state"])
        try file.write(StateFile.Contents(devices: [:], containers: [:]))
        #expect(try file.read()?.devices.isEmpty == true)
    }

    @Test(arguments: ["", "{", "not json", #"{"version": 99, "devices": {}, "containers": {}}"#, #"{"devices": 3}"#])
    func aCorruptFileIsAnErrorAndCanBeSetAside(_ text: String) throws {
        let directory = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = StateFile(directory: directory)
        try Data(text.utf8).write(to: URL(fileURLWithPath: file.path))
        #expect(throws: StateFileError.self) { try file.read() }
        let aside = try file.setAside()
        #expect(aside == file.path + ".corrupt")
        #expect(FileManager.default.contents(atPath: aside) == Data(text.utf8))
        #expect(try file.read() == nil)
    }

    @Test func aMissingDirectoryIsCreatedOnWrite() throws {
        let root = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let directory = root + "/sub/dir"
        try StateFile(directory: directory).write(Self.contents)
        #expect(try StateFile(directory: directory).read() == Self.contents)
    }

    @Test(arguments: ["x.rule", "a/b", ""])
    func atomicFileRefusesNamesThatAreNotPlainNonRuleFiles(_ name: String) throws {
        let directory = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        #expect(throws: SystemCallError.self) { try AtomicFile.write([1], named: name, in: directory) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).isEmpty)
    }

    /// The engine's start-up removes a temporary state file a crash left (decisions.md D6).
    @Test func aStrayTemporaryStateFileIsRemovedByTheRulesDirectory() throws {
        let directory = Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try StateFile(directory: directory).write(Self.contents)
        try Data("partial".utf8).write(to: URL(fileURLWithPath: directory + "/.state.rule.tmp-abcd1234"))
        _ = try RuleDirectory(path: directory).list()
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["state"])
    }
}
