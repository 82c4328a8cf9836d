import Locking
import Foundation
import Logging
import ServiceLifecycle
import Testing

@testable import fty_alert_engine

/// The agent's servers under a `ServiceGroup`: started in order, stopped in reverse order, and a
/// failing start stops what already runs.
@Suite struct ServerLifecycleTests {
    /// What the servers did, in order.
    final class Journal: Sendable {
        private let events = Locked<[String]>([])
        var all: [String] { events.withLock { $0 } }
        func record(_ event: String) { events.withLock { $0.append(event) } }
    }

    /// A server that records its calls; its start takes `startTime` and may fail.
    struct RecordingServer: ManagedServer {
        struct StartFailure: Error {}
        let name: String
        let journal: Journal
        var startTime: Duration = .zero
        var fails = false

        func start() throws {
            journal.record("start \(name)")
            if startTime > .zero {
                // A slow start (binding, loading rules) the next server must wait for.
                Thread.sleep(forTimeInterval: Double(startTime.components.seconds) + Double(startTime.components.attoseconds) / 1e18)
            }
            if fails { throw StartFailure() }
            journal.record("serving \(name)")
        }

        func stop() { journal.record("stop \(name)") }
    }

    static let logger: Logger = {
        var logger = Logger(label: "lifecycle-test")
        logger.logLevel = .critical
        return logger
    }()

    static func group(_ servers: [RecordingServer]) -> ServiceGroup {
        let order = StartOrder()
        let services = servers.enumerated().map { position, server in
            ManagedServerService(name: server.name, server: server, order: order, position: position, logger: logger)
        }
        return ServiceGroup(configuration: ServiceGroupConfiguration(services: services, logger: logger))
    }

    @Test func serversStartOneAfterAnotherAndStopInReverse() async throws {
        let journal = Journal()
        // The broker is slow to start: the engine must still wait for it.
        let group = Self.group([
            RecordingServer(name: "broker", journal: journal, startTime: .milliseconds(50)),
            RecordingServer(name: "engine", journal: journal),
            RecordingServer(name: "actions", journal: journal),
        ])
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            while journal.all.count < 6 { try await Task.sleep(for: .milliseconds(1)) }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(journal.all == [
            "start broker", "serving broker", "start engine", "serving engine", "start actions", "serving actions",
            "stop actions", "stop engine", "stop broker",
        ])
    }

    @Test func aFailingStartStopsTheServersAlreadyRunningAndIsRethrown() async {
        let journal = Journal()
        let group = Self.group([
            RecordingServer(name: "broker", journal: journal),
            RecordingServer(name: "engine", journal: journal, fails: true),
            RecordingServer(name: "actions", journal: journal),
        ])
        await #expect(throws: RecordingServer.StartFailure.self) { try await group.run() }
        #expect(journal.all == ["start broker", "serving broker", "start engine", "stop broker"])
    }

    @Test func aShutdownBeforeAServersTurnSkipsIt() async throws {
        let journal = Journal()
        let group = Self.group([
            // Long enough that the engine's shutdown is handled before its turn even on a loaded
            // 2-core machine running the whole suite.
            RecordingServer(name: "broker", journal: journal, startTime: .seconds(1)),
            RecordingServer(name: "engine", journal: journal),
        ])
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            while journal.all.isEmpty { try await Task.sleep(for: .milliseconds(1)) }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
        #expect(journal.all == ["start broker", "serving broker", "stop broker"])
    }
}
