import AlertActions
import FtyProto
import Testing

/// Timed-out alerts and reminders (engine.md §12.6).
@Suite struct PeriodicWorkTests {
    static let day: UInt32 = 86_400

    @Test func workRunsAtMostOncePerCheckInterval() {
        var core = AlertActionsCore.knowing([Samples.asset("ups-1")], checkInterval: 60_000, override: 1)
        let alert = Samples.alert("a", actions: ["EMAIL"], ttl: Self.day)
        _ = core.receive(alert, at: 0)
        #expect(core.tick(now: 59_999) == .none)
        #expect(core.tick(now: 60_000).requests == [Samples.email(alert, of: core.assets["ups-1"])])
        #expect(core.lastCheck == 60_000)
        #expect(core.tick(now: 119_999) == .none)
        #expect(core.tick(now: 120_000).requests.count == 1)
    }

    /// Every cell of the interval table: nothing at exactly the interval, a reminder 1 ms later,
    /// then the next one a full interval after that.
    @Test(arguments: ["CRITICAL", "WARNING", "INFO", "OK", ""], ["1", "2", "3", "4", "5", "0", "6", "", "x"])
    func remindersFollowTheTable(severity: String, priority: String) {
        let asset = Samples.asset("ups-1", priority: priority)
        var core = AlertActionsCore.knowing([asset])
        let alert = Samples.alert("a", severity: severity, actions: ["EMAIL", "SMS", "GPO_INTERACTION:g:open"], ttl: 30 * Self.day)
        _ = core.receive(alert, at: 1_000)
        let interval = NotificationInterval.milliseconds(severity: severity, priority: Int(priority) ?? 0)
        guard interval != 0 else {
            #expect(core.runPeriodicWork(now: 20 * UInt64(Self.day) * 1000) == .none)
            return
        }
        #expect(core.runPeriodicWork(now: 1_000 + interval) == .none)
        let reminder = [Samples.email(alert, of: asset), Samples.sms(alert, of: asset)]
        #expect(core.runPeriodicWork(now: 1_001 + interval).requests == reminder)
        #expect(core.alerts["a"]?.lastNotification == 1_001 + interval)
        #expect(core.runPeriodicWork(now: 1_001 + 2 * interval) == .none)
        #expect(core.runPeriodicWork(now: 1_002 + 2 * interval).requests == reminder)
    }

    @Test(arguments: [
        ("ACTIVE", true), ("ACK-WIP", true), ("ACK-PAUSE", false), ("ACK-IGNORE", false), ("ACK-SILENCE", false),
    ])
    func acknowledgementStatesSilenceReminders(state: String, reminds: Bool) {
        let asset = Samples.asset("ups-1", priority: "1")
        var core = AlertActionsCore.knowing([asset])
        _ = core.receive(Samples.alert("a", actions: ["EMAIL"], ttl: Self.day), at: 0)
        let acknowledged = Samples.alert("a", state: state, actions: ["EMAIL"], ttl: Self.day)
        _ = core.receive(acknowledged, at: 1)
        let outcome = core.runPeriodicWork(now: 300_001)
        #expect(outcome.requests == (reminds ? [Samples.email(acknowledged, of: asset)] : []))
        // The round counts even when silenced: the next one is a full interval later.
        #expect(core.alerts["a"]?.lastNotification == 300_001)
    }

    @Test func gpoIsNeverRepeated() {
        var core = AlertActionsCore.knowing([Samples.asset("ups-1")])
        _ = core.receive(Samples.alert("a", actions: ["GPO_INTERACTION:g:open"], ttl: Self.day), at: 0)
        #expect(core.runPeriodicWork(now: 10_000_000) == .none)
    }

    @Test func overrideRemindsEvenWhereTheTableSaysNever() {
        let asset = Samples.asset("ups-1", priority: "9")
        var core = AlertActionsCore.knowing([asset], override: 2_000)
        let alert = Samples.alert("a", severity: "OK", actions: ["SMS"], ttl: Self.day)
        _ = core.receive(alert, at: 0)
        #expect(core.runPeriodicWork(now: 2_000) == .none)
        #expect(core.runPeriodicWork(now: 2_001).requests == [Samples.sms(alert, of: asset)])
    }

    @Test func unknownAssetNeverReminds() {
        var core = AlertActionsCore.knowing([], testMode: true)
        _ = core.receive(Samples.alert("a", asset: "ghost", actions: ["EMAIL"], ttl: Self.day), at: 0)
        #expect(core.runPeriodicWork(now: 80_000_000) == .none)
    }

    @Test func alertsNotRefreshedWithinTheirTtlAreResolvedAndDropped() {
        var core = AlertActionsCore.knowing([Samples.asset("ups-1")])
        _ = core.receive(Samples.alert("a", actions: ["GPO_INTERACTION:g:open", "EMAIL"], ttl: 60), at: 0)
        _ = core.receive(Samples.alert("b", actions: ["GPO_INTERACTION:h:close"], ttl: 60), at: 0)
        _ = core.receive(Samples.alert("b", actions: ["GPO_INTERACTION:h:close"], ttl: 60), at: 30_000)
        #expect(core.runPeriodicWork(now: 60_000) == .none)
        let outcome = core.runPeriodicWork(now: 60_001)
        #expect(outcome.requests == [Samples.gpo("a", "g", "close")])
        #expect(outcome.notes == [.expired(rule: "a")])
        #expect(core.alerts.rules == ["b"])
        #expect(core.runPeriodicWork(now: 90_001).requests == [Samples.gpo("b", "h", "open")])
        #expect(core.alerts.count == 0)
    }

    @Test func expiryComesBeforeReminders() {
        var core = AlertActionsCore.knowing([Samples.asset("ups-1")], override: 1)
        _ = core.receive(Samples.alert("a", actions: ["EMAIL"], ttl: 1), at: 0)
        #expect(core.runPeriodicWork(now: 1_001).requests == [])
        #expect(core.alerts.count == 0)
    }
}
