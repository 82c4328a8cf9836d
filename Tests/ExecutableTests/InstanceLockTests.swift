import AlertEngine
import Foundation
import MalamuteClient
import TestSupport
import Testing

/// Issue 14 item 3: one agent per rules directory. A second one waits `--lock-wait` seconds for
/// the lock, then exits 75 naming the holder's pid, without ever reaching the bus.
@Suite struct InstanceLockTests {
    static let quiet = EngineEndToEndTests.quiet

    /// Starts an agent with its own embedded broker on `directory` and waits until it answers.
    static func runningAgent(_ directory: String, _ extra: [String] = []) throws -> (EngineProcess, MalamuteClient) {
        let endpoint = uniqueEndpoint("lock")
        let agent = try EngineProcess(
            ["--embedded-broker", "--endpoint", endpoint, "--rules-dir", directory] + extra, environment: quiet)
        let requester = try connectedClient(endpoint, "requester")
        #expect(try awaitEngine(requester))
        return (agent, requester)
    }

    /// Seconds from `start` to now.
    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    @Test func aSecondInstanceOnTheSameDirectoryExits75NamingTheHolderAndTheFirstKeepsItsMailbox() throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (first, requester) = try Self.runningAgent(directory)
        defer { requester.close() }
        let holder = first.process.processIdentifier
        let lockFile = directory + "/" + InstanceLock.fileName
        #expect((try? String(contentsOfFile: lockFile, encoding: .utf8)) == "\(holder)\n")

        // The second one is pointed at the first one's broker: had it connected, it would have
        // taken over the `fty-alert-engine` address.
        let start = ContinuousClock.now
        let second = try EngineProcess(["--rules-dir", directory, "--lock-wait", "2"], environment: Self.quiet)
        let status = second.waitForExit(timeout: .seconds(20))
        let elapsed = Self.seconds(since: start)
        let output = second.readOutput()
        #expect(status == 75, "\(output)")
        #expect(output.contains("pid \(holder)"), "\(output)")
        #expect(output.contains(InstanceLock.fileName), "\(output)")
        #expect(elapsed >= 2, "gave up after \(elapsed) s, before --lock-wait 2")
        #expect(elapsed < 10, "took \(elapsed) s")

        // The first instance still gets its mail.
        try requester.sendTo(address: "fty-alert-engine", subject: "rfc-evaluator-rules", content: ["LIST", "all"])
        #expect(try requester.receive(timeout: .seconds(5))?.contentStrings.first == "LIST")
        first.send(SIGTERM)
        #expect(first.waitForExit(timeout: .seconds(5)) == 0)
    }

    @Test func lockWaitZeroFailsAtOnce() throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (first, requester) = try Self.runningAgent(directory)
        defer { requester.close() }

        let start = ContinuousClock.now
        let second = try EngineProcess(
            ["--embedded-broker", "--endpoint", uniqueEndpoint("lock-zero"), "--rules-dir", directory, "--lock-wait", "0"],
            environment: Self.quiet)
        let status = second.waitForExit(timeout: .seconds(20))
        let elapsed = Self.seconds(since: start)
        let output = second.readOutput()
        #expect(status == 75, "\(output)")
        #expect(output.contains("pid \(first.process.processIdentifier)"), "\(output)")
        // Far below the 10 s default: it did not wait (the time is the debug build's start-up).
        #expect(elapsed < 3, "took \(elapsed) s")
        first.send(SIGTERM)
        #expect(first.waitForExit(timeout: .seconds(5)) == 0)
    }

    @Test func aWaitingInstanceStaysOffTheBusThenStartsOnceTheHolderStops() throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (first, requester) = try Self.runningAgent(directory)
        requester.close()

        let endpoint = uniqueEndpoint("lock-waiting")
        let second = try EngineProcess(
            ["--embedded-broker", "--endpoint", endpoint, "--rules-dir", directory, "--lock-wait", "60"],
            environment: Self.quiet)
        // While it waits, it has not even bound its embedded broker.
        let probe = MalamuteClient(
            configuration: ClientConfiguration(endpoint: endpoint, name: "probe", timeout: .milliseconds(500)))
        #expect(throws: (any Error).self) { try probe.connect() }
        probe.close()
        #expect(second.process.isRunning)

        first.send(SIGTERM)
        #expect(first.waitForExit(timeout: .seconds(5)) == 0)
        let client = try connectedClient(endpoint, "requester")
        defer { client.close() }
        #expect(try awaitEngine(client))
        let lockFile = directory + "/" + InstanceLock.fileName
        #expect((try? String(contentsOfFile: lockFile, encoding: .utf8)) == "\(second.process.processIdentifier)\n")
        second.send(SIGTERM)
        #expect(second.waitForExit(timeout: .seconds(5)) == 0)
    }

    @Test func aNewInstanceStartsAfterTheFirstWasKilled() throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (first, requester) = try Self.runningAgent(directory)
        requester.close()
        first.send(SIGKILL)
        #expect(first.waitForExit(timeout: .seconds(5)) != nil)

        // The kernel dropped the lock with the process; the stale pid in the file does not matter.
        let (next, client) = try Self.runningAgent(directory, ["--lock-wait", "0"])
        defer { client.close() }
        next.send(SIGTERM)
        #expect(next.waitForExit(timeout: .seconds(5)) == 0)
    }
}
