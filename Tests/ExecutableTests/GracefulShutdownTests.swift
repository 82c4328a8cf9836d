import AlertEngine
import Foundation
import MalamuteClient
import Synchronization
import TestSupport
import Testing

/// issue 6: SIGTERM during load ends the process within 2 s with exit 0 and leaves no partial
/// rule file (decisions.md D6).
@Suite struct GracefulShutdownTests {
    /// A thread firing ADDs at the engine until told to stop, counting the OK replies.
    final class AddBurst: Sendable {
        let acknowledged = Atomic(0)
        let sent = Atomic(0)
        private let stopping = Atomic(false)
        private let finished = DispatchSemaphore(value: 0)
        /// Requests sent but not answered, at most.
        static let inFlight = 200

        init(endpoint: String) {
            let thread = Thread { [self] in
                defer { finished.signal() }
                guard let client = try? connectedClient(endpoint, "burst") else { return }
                defer { client.close() }
                var index = 0
                while !stopping.load(ordering: .acquiring) {
                    let name = "burst-\(index)"
                    do {
                        try client.sendTo(
                            address: EngineNames.mailboxClient, subject: EngineNames.rulesSubject,
                            content: ["ADD", EngineEndToEndTests.rule(name)], tracker: name, timeout: .milliseconds(100))
                    } catch {
                        break  // the broker went away with the engine
                    }
                    index += 1
                    sent.store(index, ordering: .releasing)
                    // Keep up to `inFlight` requests queued at the engine, take the replies there are.
                    let waiting = index - acknowledged.load(ordering: .relaxed) >= Self.inFlight
                    while let reply = try? client.receive(timeout: waiting ? .milliseconds(50) : .zero) {
                        if reply.contentStrings.first == "OK" { acknowledged.add(1, ordering: .relaxed) }
                        if waiting { break }
                    }
                }
            }
            thread.start()
        }

        /// Stops the thread and waits for it.
        func stop() {
            stopping.store(true, ordering: .releasing)
            finished.wait()
        }
    }

    @Test func sigtermDuringABurstOfADDsExitsZeroWithinTwoSecondsLeavingWholeRuleFiles() throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let endpoint = uniqueEndpoint("sigterm-load")
        let engine = try EngineProcess(
            ["--embedded-broker", "--endpoint", endpoint, "--rules-dir", directory],
            environment: EngineEndToEndTests.quiet)
        let burst = AddBurst(endpoint: endpoint)
        #expect(eventually(timeout: .seconds(20)) { burst.acknowledged.load(ordering: .relaxed) >= 30 })

        engine.send(SIGTERM)
        // Requests are still queued at the engine when the signal comes.
        #expect(burst.sent.load(ordering: .acquiring) > burst.acknowledged.load(ordering: .relaxed) + 50)
        let status = engine.waitForExit(timeout: .seconds(2))
        burst.stop()
        #expect(status == 0, "\(engine.readOutput())")

        // D6: every file is a whole rule named after its file; no temporary file is left.
        // The instance lock file (issue 14 item 3) is the one other file the agent keeps there.
        let entries = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0 != InstanceLock.fileName }
        #expect(entries.count >= 30)
        for entry in entries {
            #expect(entry.hasSuffix(".rule"), "stray file \(entry)")
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: directory + "/" + entry)))
            let rule = try RuleParser.parse(bytes)
            #expect(rule.name + ".rule" == entry)
        }
    }
}
