import AbsenceWatch
import AliveProbes
import Foundation
import Testing

/// The probe registry, its hashed tokens and the ladder of each probe, on a virtual clock.
@Suite struct ProbeMonitorTests {
    static func scratchFile() -> String {
        let directory = NSTemporaryDirectory() + "alive-probes-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return directory + "/probes.json"
    }

    static let start = AbsenceInstant(milliseconds: 1_000_000)

    @Test func aTokenIsStoredSaltedAndMatchesOnlyItself() {
        let token = ProbeToken.generate()
        #expect(token.count == 64)
        let hash = ProbeTokenHash(token: token)
        #expect(hash.matches(token))
        #expect(!hash.matches(token + "x"))
        #expect(!hash.matches(""))
        #expect(!hash.sha256.contains(token))
        // Salted: the same token hashes differently twice.
        #expect(ProbeTokenHash(token: token).sha256 != hash.sha256)
        // SHA-256("ab" ‖ "abc") with salt bytes 0x61 0x62: a known digest of "ababc".
        let pinned = ProbeTokenHash(token: "abc", salt: Array("ab".utf8))
        #expect(pinned.sha256 == "dc140e8b13ca3cb919c4277d32faea9a02102e0faa967818cca2967838fba612")
        #expect(pinned.salt == "6162")
        #expect(pinned.matches("abc"))
        #expect(!pinned.matches("abd"))
    }

    @Test func registrationIsCheckedAndPersistedWithoutTheToken() throws {
        let path = Self.scratchFile()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let monitor = try ProbeMonitor(path: path, now: Self.start)
        #expect(throws: ProbesError.invalidName(field: "name", value: "bad name")) {
            try monitor.register(ProbeRegistration(name: "bad name", machine: "m", period: "1s"), now: Self.start)
        }
        #expect(throws: ProbesError.invalidPeriod("soon")) {
            try monitor.register(ProbeRegistration(name: "p", machine: "m", period: "soon"), now: Self.start)
        }
        #expect(throws: ProbesError.invalidCount(field: "failed-to-alert-low", value: 0)) {
            try monitor.register(ProbeRegistration(name: "p", machine: "m", period: "1s", failedToAlertLow: 0), now: Self.start)
        }
        let (definition, token) = try monitor.register(ProbeRegistration(name: "web-1", machine: "web1", period: "2s"), now: Self.start)
        #expect(definition.ruleName == "absence@probe/web-1")
        #expect(throws: ProbesError.duplicate("web-1")) {
            try monitor.register(ProbeRegistration(name: "web-1", machine: "other", period: "1s"), now: Self.start)
        }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains(token))
        #expect(text.contains(definition.token.sha256))
        let reloaded = try ProbesStore.load(path)
        #expect(reloaded == [definition])
        #expect(try monitor.unregister(now: Self.start) { $0.name == "web-1" }.count == 1)
        #expect(try ProbesStore.load(path).isEmpty)
    }

    @Test func aDamagedFileIsAClearErrorNotAnEmptyRegistry() throws {
        let path = Self.scratchFile()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        try "{\"version\": 1, \"probes\": [{\"name\": 3}]}".write(toFile: path, atomically: true, encoding: .utf8)
        #expect {
            _ = try ProbeMonitor(path: path, now: Self.start)
        } throws: { error in
            guard case .file(let where_, let reason) = error as? ProbesError else { return false }
            return where_ == path && reason.hasPrefix("not a probes file")
        }
        // Untouched: nothing rewrote it.
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("\"name\": 3"))
    }

    @Test func aWrongOrMissingTokenRecordsNothingAndAnUnknownMachineIsSaid() throws {
        let path = Self.scratchFile()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let monitor = try ProbeMonitor(path: path, now: Self.start)
        let (_, token) = try monitor.register(ProbeRegistration(name: "p", machine: "m", period: "1s"), now: Self.start)
        #expect(monitor.report(machine: "m", ProbeReport(), token: nil, now: Self.start) == .unauthorized)
        #expect(monitor.report(machine: "m", ProbeReport(), token: "wrong", now: Self.start) == .unauthorized)
        #expect(monitor.list().first?.lastReport == nil)
        #expect(monitor.report(machine: "nobody", ProbeReport(), token: token, now: Self.start) == .unknownMachine)
        #expect(monitor.report(machine: "m", ProbeReport(), token: token, now: Self.start + .seconds(1)) == .recorded(1))
        #expect(monitor.list().first?.lastReport == Self.start.milliseconds + 1000)
    }

    @Test func theLadderWarnsThenEscalatesThenResolvesOnAReport() throws {
        let path = Self.scratchFile()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let monitor = try ProbeMonitor(path: path, now: Self.start)
        let (_, token) = try monitor.register(
            ProbeRegistration(
                name: "p", machine: "m", period: "1s", degradedToFailed: 1, failedToAlertLow: 2, alertLowToAlertHigh: 3),
            now: Self.start)
        // Settle period: one period, then the first period; nothing before 2 s.
        monitor.sweep(now: Self.start + .milliseconds(1999))
        #expect(monitor.list().first?.rung == "normal")
        // alert-low at 1 + 1 + 2 = 4 misses: 2 s + 3 s.
        monitor.sweep(now: Self.start + .milliseconds(4999))
        #expect(monitor.takeAlerts().isEmpty)
        monitor.sweep(now: Self.start + .seconds(5))
        let warning = monitor.takeAlerts()
        #expect(warning.map(\.severity) == ["WARNING"])
        #expect(warning.first?.message.alert.state == "ACTIVE")
        #expect(warning.first?.message.subject == "absence@probe/p/WARNING@m")
        // alert-high 3 misses later.
        monitor.sweep(now: Self.start + .seconds(8))
        #expect(monitor.takeAlerts().map(\.severity) == ["CRITICAL"])
        monitor.sweep(now: Self.start + .seconds(20))
        #expect(monitor.takeAlerts().isEmpty)
        // A failing report is not alive; a passing one resolves once.
        #expect(monitor.report(machine: "m", ProbeReport(machineStatus: "fail"), token: token, now: Self.start + .seconds(21)) == .recorded(0))
        #expect(monitor.takeAlerts().isEmpty)
        #expect(monitor.report(machine: "m", ProbeReport(), token: token, now: Self.start + .seconds(21)) == .recorded(1))
        let resolved = monitor.takeAlerts()
        #expect(resolved.map(\.message.alert.state) == ["RESOLVED"])
        #expect(resolved.first?.severity == "CRITICAL")
        #expect(monitor.report(machine: "m", ProbeReport(), token: token, now: Self.start + .seconds(22)) == .recorded(1))
        #expect(monitor.takeAlerts().isEmpty)
    }

    @Test func aServiceProbeIsAliveOnlyWhenItsServicePasses() throws {
        let path = Self.scratchFile()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let monitor = try ProbeMonitor(path: path, now: Self.start)
        let (_, token) = try monitor.register(ProbeRegistration(name: "db", machine: "m", service: "pg", period: "1s"), now: Self.start)
        let failing = ProbeReport(machineStatus: "pass", services: ["pg": "fail"])
        #expect(monitor.report(machine: "m", failing, token: token, now: Self.start) == .recorded(0))
        let passing = ProbeReport(machineStatus: "pass", services: ["pg": "pass"])
        #expect(monitor.report(machine: "m", passing, token: token, now: Self.start) == .recorded(1))
    }

    @Test func aRestartKeepsTheRungAndAnUnregisteredAlertingProbeResolves() throws {
        let path = Self.scratchFile()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let first = try ProbeMonitor(path: path, now: Self.start)
        _ = try first.register(
            ProbeRegistration(name: "p", machine: "m", period: "1s", degradedToFailed: 1, failedToAlertLow: 1, alertLowToAlertHigh: 5),
            now: Self.start)
        first.sweep(now: Self.start + .seconds(4))
        #expect(first.takeAlerts().map(\.severity) == ["WARNING"])
        try first.saveState()
        let second = try ProbeMonitor(path: path, now: Self.start + .seconds(100))
        #expect(second.list().first?.rung == "alert-low")
        second.sweep(now: Self.start + .seconds(101))
        #expect(second.takeAlerts().isEmpty)
        try second.unregister(now: Self.start + .seconds(102)) { $0.name == "p" }
        #expect(second.takeAlerts().map(\.message.alert.state) == ["RESOLVED"])
    }

    @Test func aFileChangedByTheCLIIsPickedUp() throws {
        let path = Self.scratchFile()
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let monitor = try ProbeMonitor(path: path, now: Self.start)
        #expect(monitor.count == 0)
        let (_, token) = try ProbesStore.add(ProbeRegistration(name: "late", machine: "m", period: "1s"), to: path)
        try monitor.reload(now: Self.start)
        #expect(monitor.count == 1)
        #expect(monitor.report(machine: "m", ProbeReport(), token: token, now: Self.start) == .recorded(1))
    }

    @Test func malformedReportsAreRefusedWithAReason() {
        #expect(throws: ProbeReportError.self) { try ProbeReport.decode([]) }
        #expect(throws: ProbeReportError.self) { try ProbeReport.decode(Array("{nope".utf8)) }
        #expect(throws: ProbeReportError.self) { try ProbeReport.decode(Array("[1]".utf8)) }
        #expect(throws: ProbeReportError.self) { try ProbeReport.decode(Array(#"{"machineStatus": 3}"#.utf8)) }
        #expect((try? ProbeReport.decode(Array(#"{"machineStatus":"pass","services":{"a":"pass"}}"#.utf8)))?.services == ["a": "pass"])
    }
}
