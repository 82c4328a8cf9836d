import Foundation
import FtyProto
import MalamuteClient
import TestSupport
import Testing

/// The alert state journal through the real executable (issue 13 item 1): the engine runs
/// against a standalone broker, so the test's clients stay connected while the engine is killed
/// with SIGKILL and started again on the same rules directory and `--state-journal`.
@Suite struct StateJournalEndToEndTests {
    /// A standalone broker, a producer on METRICS, a watcher on `_ALERTS_SYS` and a requester,
    /// all outliving the engine processes started on `directory`.
    final class Bench {
        let directory = scratchDirectory()
        let endpoint: String
        let broker: EngineProcess
        let requester: MalamuteClient
        let producer: MalamuteClient
        let watcher: MalamuteClient
        var engine: EngineProcess?

        init(_ label: String) throws {
            endpoint = uniqueEndpoint(label)
            broker = try EngineProcess(["broker", "--endpoint", endpoint], environment: EngineEndToEndTests.quiet)
            requester = try connectedClient(endpoint, "requester")
            producer = try connectedClient(endpoint, "producer")
            try producer.setProducer(stream: "METRICS")
            watcher = try connectedClient(endpoint, "watcher")
            try watcher.setConsumer(stream: "_ALERTS_SYS", pattern: ".*")
        }

        /// Starts the engine (with the journal unless `journal` is false) and waits for its mailbox.
        func start(journal: Bool = true) throws {
            var arguments = ["--endpoint", endpoint, "--rules-dir", directory + "/rules"]
            if journal { arguments += ["--state-journal", directory + "/state/journal"] }
            engine = try EngineProcess(arguments, environment: EngineEndToEndTests.quiet)
            #expect(try awaitEngine(requester))
        }

        /// SIGKILL, as a crash: nothing is closed or synced.
        func kill() {
            engine?.send(SIGKILL)
            _ = engine?.waitForExit(timeout: .seconds(10))
            engine = nil
        }

        func add(_ rule: String) throws {
            try requester.sendTo(address: "fty-alert-engine", subject: "rfc-evaluator-rules", content: ["ADD", rule])
            #expect(try requester.receive(timeout: .seconds(5))?.contentStrings.first == "OK")
        }

        func publish(_ asset: String, _ value: String) throws {
            try producer.send(
                subject: "load@\(asset)",
                content: [try EngineEndToEndTests.metricFrame(quantity: "load", asset: asset, value: value, ttl: 300)])
        }

        /// The alerts received within `window` after the last one (rule, state, time).
        func alerts(quiet window: Duration = .milliseconds(400)) throws -> [FtyAlert] {
            var alerts: [FtyAlert] = []
            while let delivery = try watcher.receive(timeout: window) {
                if case .alert(let alert) = try FtyProtoCodec.decode(delivery.content) { alerts.append(alert) }
            }
            return alerts
        }

        /// The first alert of `rule` within `timeout`, dropping others.
        func nextAlert(of rule: String, timeout: Duration) throws -> FtyAlert? {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                guard let delivery = try watcher.receive(timeout: deadline - ContinuousClock.now) else { return nil }
                if case .alert(let alert) = try FtyProtoCodec.decode(delivery.content), alert.rule == rule { return alert }
            }
            return nil
        }

        func close() {
            engine?.send(SIGTERM)
            _ = engine?.waitForExit(timeout: .seconds(5))
            requester.close()
            producer.close()
            watcher.close()
            broker.send(SIGTERM)
            _ = broker.waitForExit(timeout: .seconds(5))
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    @Test func anActiveAlertStillBadAfterASIGKILLIsNotRaisedAgainAndResolvesOnce() throws {
        let bench = try Bench("journal-active")
        defer { bench.close() }
        try bench.start()
        try bench.add(EngineEndToEndTests.rule("rack-1"))
        try bench.publish("rack-1", "97")
        let raised = try #require(try bench.nextAlert(of: "rack-1", timeout: .seconds(5)))
        #expect(raised.state == "ACTIVE" && raised.severity == "CRITICAL")

        bench.kill()
        try bench.start()
        try bench.publish("rack-1", "98")
        #expect(try bench.alerts().filter { $0.rule == "rack-1" }.isEmpty)
        try bench.publish("rack-1", "10")
        try bench.publish("rack-1", "11")
        let after = try bench.alerts().filter { $0.rule == "rack-1" }
        #expect(after.map(\.state) == ["RESOLVED"])
    }

    @Test func withoutTheJournalTheSameRestartRaisesTheAlertAgain() throws {
        // The control: what the journal saves operators from.
        let bench = try Bench("journal-off")
        defer { bench.close() }
        try bench.start(journal: false)
        try bench.add(EngineEndToEndTests.rule("rack-2"))
        try bench.publish("rack-2", "97")
        #expect(try bench.nextAlert(of: "rack-2", timeout: .seconds(5))?.state == "ACTIVE")
        bench.kill()
        try bench.start(journal: false)
        try bench.publish("rack-2", "98")
        #expect(try bench.alerts().filter { $0.rule == "rack-2" }.map(\.state) == ["ACTIVE"])
    }

    @Test func anAlertActiveBeforeASIGKILLAndOKAfterItIsResolvedExactlyOnce() throws {
        let bench = try Bench("journal-ok")
        defer { bench.close() }
        try bench.start()
        try bench.add(EngineEndToEndTests.rule("rack-3"))
        try bench.publish("rack-3", "97")
        #expect(try bench.nextAlert(of: "rack-3", timeout: .seconds(5))?.state == "ACTIVE")
        bench.kill()
        try bench.start()
        for value in ["10", "12", "11"] { try bench.publish("rack-3", value) }
        #expect(try bench.alerts().filter { $0.rule == "rack-3" }.map(\.state) == ["RESOLVED"])
    }

    @Test func aPendingCrossingKeepsItsProgressAcrossASIGKILL() throws {
        let bench = try Bench("journal-pending")
        defer { bench.close() }
        try bench.start()
        let hold = 6.0
        try bench.add(
            """
            {"threshold": {"rule_name": "slow-5", "target": "load@slow-5", "element": "slow-5",
             "values": [{"high_critical": "90"}], "for": {"critical": "\(Int(hold))"},
             "results": [{"high_critical": {"action": [], "description": "overload of slow-5"}}]}}
            """)
        let crossed = Date()
        try bench.publish("slow-5", "97")
        // Kill half way through the hold, once the pending state has been journaled.
        #expect(try bench.nextAlert(of: "slow-5", timeout: .seconds(hold / 2)) == nil)
        bench.kill()
        try bench.start()
        let restarted = Date()
        var raised: FtyAlert?
        while raised == nil, Date().timeIntervalSince(crossed) < hold * 3 {
            try bench.publish("slow-5", "97")
            raised = try bench.nextAlert(of: "slow-5", timeout: .milliseconds(250))
        }
        let at = Date()
        #expect(raised?.state == "ACTIVE")
        // Raised when the hold that began before the kill is over, not a whole hold after the
        // restart (which a fresh pending state would need).
        // The METRIC carries whole seconds, so the hold may start up to a second before `crossed`.
        #expect(at.timeIntervalSince(crossed) >= hold - 1.2)
        #expect(at.timeIntervalSince(restarted) < hold - 1, "raised \(at.timeIntervalSince(restarted)) s after the restart")
    }

    /// Issue 13: kill -9 trials at random moments during a burst of crossings. After each
    /// restart, a value agreeing with what the bus last saw for a rule may at most bring one
    /// alert of that same state (a publication that was on its way when the process died), never
    /// one of the other state nor two; then a crossing the other way gives exactly one alert.
    @Test func killTrialsDuringBurstsOfCrossingsNeverPublishTwiceInEffect() throws {
        let trials = Int(ProcessInfo.processInfo.environment["FTY_JOURNAL_KILL_TRIALS"] ?? "") ?? 50
        let bench = try Bench("journal-kill")
        defer { bench.close() }
        let racks = (0..<4).map { "kill-\($0)" }
        try bench.start()
        for rack in racks { try bench.add(EngineEndToEndTests.rule(rack)) }
        var seen: [String: String] = [:]  // what the bus last saw per rule
        var generator = SystemRandomNumberGenerator()
        var activeAtKill = 0
        var caughtUp = 0
        for trial in 0..<trials {
            // A burst of crossings both ways, and SIGKILL at a random moment within it.
            let burst = Int.random(in: 20...200, using: &generator)
            let killAt = Int.random(in: 0..<burst, using: &generator)
            for index in 0..<burst {
                let rack = racks[index % racks.count]
                try bench.publish(rack, Bool.random(using: &generator) ? "97" : "10")
                if index == killAt { bench.kill() }
            }
            for alert in try bench.alerts() where racks.contains(alert.rule) { seen[alert.rule] = alert.state }
            activeAtKill += seen.values.filter { $0 == "ACTIVE" }.count
            try bench.start()

            // Agreeing values: at most one alert per rule, of the state the bus already has.
            for rack in racks { try bench.publish(rack, seen[rack] == "ACTIVE" ? "97" : "10") }
            let agreeing = try bench.alerts().filter { racks.contains($0.rule) }
            for rack in racks {
                let states = agreeing.filter { $0.rule == rack }.map(\.state)
                #expect(states.count <= 1, "trial \(trial) \(rack): \(states)")
                #expect(states.allSatisfy { $0 == (seen[rack] ?? "RESOLVED") }, "trial \(trial) \(rack): \(states) after \(seen[rack] ?? "none")")
                caughtUp += states.count
                if let state = states.last { seen[rack] = state }
            }
            // The other way: exactly one alert per rule.
            for rack in racks { try bench.publish(rack, seen[rack] == "ACTIVE" ? "10" : "97") }
            let flipped = try bench.alerts().filter { racks.contains($0.rule) }
            for rack in racks {
                let expected = seen[rack] == "ACTIVE" ? "RESOLVED" : "ACTIVE"
                #expect(flipped.filter { $0.rule == rack }.map(\.state) == [expected], "trial \(trial) \(rack)")
                seen[rack] = expected
            }
        }
        print("journal kill trials: \(trials), rules active at a kill: \(activeAtKill), caught up after a restart: \(caughtUp)")
        // Without the journal every rule active at a kill would be raised again: the catch-ups
        // are only the publications lost in flight.
        if activeAtKill >= 20 { #expect(caughtUp * 2 < activeAtKill) }
    }
}
