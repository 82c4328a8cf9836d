import Foundation
import MalamuteClient
import TestSupport
import Testing

/// Whether this process can mount a tmpfs (root, mount(8) allowed): the disk fault tests need it.
let tmpfsMountable: Bool = {
    guard getuid() == 0 else { return false }
    let directory = scratchDirectory()
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: directory) }
    guard DiskFaultTests.run("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", directory]) else { return false }
    return DiskFaultTests.run("umount", [directory])
}()

/// Issue 14 item 7: a full disk (a small tmpfs) and a read-only rules directory (a read-only bind
/// mount: root ignores a 0555 mode). ADD answers ERROR with the storage reason, leaves no partial
/// file, the agent keeps evaluating, and ADD works again once space returns / writes are allowed.
/// Needs root and mount(8); skipped when a tmpfs cannot be mounted.
@Suite(.serialized, .enabled(if: tmpfsMountable, "needs root and mount -t tmpfs (skipped: mount refused)"))
struct DiskFaultTests {
    /// engine.md §9: the original's reason for a failed rule write.
    static let storageReason = "Internal error - operating with storage/disk failed."

    /// Runs mount(8) or umount(8) with `arguments`; true when it exits 0.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) -> Bool {
        (try? runTool("/usr/bin/env", [tool] + arguments))?.status == 0
    }

    /// A tmpfs of `size` mounted on a fresh directory; the caller unmounts it.
    static func mountedTmpfs(size: String) throws -> String {
        let directory = scratchDirectory()
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try #require(run("mount", ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", directory]))
        return directory
    }

    static func unmount(_ directory: String) {
        while run("umount", [directory]) {}
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// ADD of `name` through `requester`: the reply's frames.
    static func add(_ name: String, _ requester: MalamuteClient) throws -> [String] {
        try requester.sendTo(
            address: "fty-alert-engine", subject: "rfc-evaluator-rules", content: ["ADD", EngineEndToEndTests.rule(name)],
            tracker: name)
        while let reply = try requester.receive(timeout: .seconds(5)) {
            if reply.trackerString == name { return reply.contentStrings }
        }
        return []
    }

    /// A crossing of `name`'s rule raises its alert.
    static func alerts(_ name: String, _ endpoint: String) throws -> Bool {
        try BrokerFaultTests.crossingAlerts(endpoint, name)
    }

    /// The agent on `directory` with its own broker, and a requester.
    static func agent(_ directory: String) throws -> (EngineProcess, MalamuteClient, String) {
        let endpoint = uniqueEndpoint("disk")
        let agent = try EngineProcess(
            ["--embedded-broker", "--endpoint", endpoint, "--rules-dir", directory], environment: EngineEndToEndTests.quiet)
        let requester = try connectedClient(endpoint, "requester")
        #expect(try awaitEngine(requester))
        return (agent, requester, endpoint)
    }

    static func noPartialFile(_ directory: String, _ name: String) throws {
        let entries = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(!entries.contains { $0.contains(".tmp") || $0.hasPrefix(name) }, "\(entries)")
    }

    @Test func aFullDiskRefusesADDWithTheStorageReasonAndRecovers() throws {
        let directory = try Self.mountedTmpfs(size: "256k")
        defer { Self.unmount(directory) }
        let (agent, requester, endpoint) = try Self.agent(directory)
        defer { requester.close() }
        #expect(try Self.add("before", requester).first == "OK")

        // Fill the file system to the last byte.
        let filler = directory + "/filler"
        #expect(FileManager.default.createFile(atPath: filler, contents: nil))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: filler))
        let block = Data(count: 4096)
        while (try? handle.write(contentsOf: block)) != nil {}
        try? handle.close()

        let refused = try Self.add("full", requester)
        #expect(refused == ["ERROR", Self.storageReason], "\(refused)")
        try Self.noPartialFile(directory, "full")
        #expect(try Self.alerts("before", endpoint), "the agent stopped evaluating")

        try FileManager.default.removeItem(atPath: filler)
        #expect(try Self.add("full", requester).first == "OK")
        #expect(FileManager.default.fileExists(atPath: directory + "/full.rule"))
        agent.send(SIGTERM)
        #expect(agent.waitForExit(timeout: .seconds(5)) == 0)
    }

    @Test func aReadOnlyRulesDirectoryRefusesADDWithTheStorageReasonAndRecovers() throws {
        let directory = try Self.mountedTmpfs(size: "1m")
        defer { Self.unmount(directory) }
        let (agent, requester, endpoint) = try Self.agent(directory)
        defer { requester.close() }
        #expect(try Self.add("before", requester).first == "OK")

        // A read-only bind mount over the directory; the agent's lock file stays open beneath it.
        try #require(Self.run("mount", ["--bind", directory, directory]))
        try #require(Self.run("mount", ["-o", "remount,bind,ro", directory]))
        let refused = try Self.add("readonly", requester)
        #expect(refused == ["ERROR", Self.storageReason], "\(refused)")
        try Self.noPartialFile(directory, "readonly")
        #expect(try Self.alerts("before", endpoint), "the agent stopped evaluating")

        try #require(Self.run("umount", [directory]))  // the bind mount only: writable again
        #expect(try Self.add("readonly", requester).first == "OK")
        #expect(FileManager.default.fileExists(atPath: directory + "/readonly.rule"))
        agent.send(SIGTERM)
        #expect(agent.waitForExit(timeout: .seconds(5)) == 0)
    }
}
