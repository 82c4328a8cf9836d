import AlertActions
import FtyProto
import MalamuteClient
import TestSupport
import Testing

/// Reminders, acknowledgements and expiry on the virtual clock (engine.md §12.6).
@Suite struct ScheduleServerTests {
    static let minute: UInt64 = 60_000

    @Test func criticalPriorityOneRemindsEveryFiveMinutesAtTheMinuteChecks() throws {
        let harness = try ActionsHarness()
        let asset = Samples.asset("ups-1", priority: "1")
        try harness.publish(asset)
        try harness.settle()
        let alert = Samples.alert("r@ups-1", actions: ["EMAIL", "GPO_INTERACTION:g:open"], ttl: 86_400)
        try harness.publish(alert)
        _ = try #require(try harness.email.next())
        _ = try #require(try harness.gpio.next())
        // Checks run once per virtual minute; at exactly 5 min the interval has not yet passed.
        for _ in 1...5 {
            try harness.advance(by: Self.minute)
            try harness.email.expectNothing()
        }
        harness.clock.advance(by: Self.minute)
        let reminder = try #require(try harness.email.next())
        #expect(reminder.subjectString == "SENDMAIL_ALERT")
        try harness.settle()
        try harness.email.expectNothing("GPO is not repeated, e-mail only once")
        try harness.advance(by: 5 * Self.minute)
        try harness.email.expectNothing()
        harness.clock.advance(by: Self.minute)
        #expect(try harness.email.next()?.subjectString == "SENDMAIL_ALERT")
    }

    @Test(arguments: [("WARNING", "3", 240 * minute), ("INFO", "1", 480 * minute), ("CRITICAL", "5", 15 * minute)])
    func remindersFollowSeverityAndPriority(severity: String, priority: String, interval: UInt64) throws {
        let harness = try ActionsHarness()
        try harness.publish(Samples.asset("ups-1", priority: priority))
        try harness.settle()
        try harness.publish(Samples.alert("r@ups-1", severity: severity, actions: ["SMS"], ttl: 86_400))
        _ = try #require(try harness.email.next())
        try harness.advance(by: interval)
        try harness.email.expectNothing()
        harness.clock.advance(by: Self.minute)
        #expect(try harness.email.next()?.subjectString == "SENDSMS_ALERT")
    }

    @Test func priorityOutsideTheTableNeverReminds() throws {
        let harness = try ActionsHarness()
        try harness.publish(Samples.asset("ups-1", priority: "6"))
        try harness.settle()
        try harness.publish(Samples.alert("r@ups-1", actions: ["EMAIL"], ttl: 86_400))
        _ = try #require(try harness.email.next())
        try harness.advance(by: 23 * 60 * Self.minute)
        try harness.email.expectNothing()
    }

    @Test func notificationIntervalSettingOverridesTheTable() throws {
        let harness = try ActionsHarness(notificationInterval: .seconds(90))
        try harness.publish(Samples.asset("ups-1", priority: "9"))
        try harness.settle()
        try harness.publish(Samples.alert("r@ups-1", severity: "OK", actions: ["EMAIL"], ttl: 86_400))
        _ = try #require(try harness.email.next())
        try harness.advance(by: Self.minute)
        try harness.email.expectNothing()
        harness.clock.advance(by: Self.minute)
        #expect(try harness.email.next()?.subjectString == "SENDMAIL_ALERT")
    }

    @Test(arguments: [("ACK-WIP", true), ("ACK-PAUSE", false), ("ACK-IGNORE", false), ("ACK-SILENCE", false)])
    func acknowledgementNotifiesOnceAndSilencesReminders(state: String, reminds: Bool) throws {
        let harness = try ActionsHarness()
        try harness.publish(Samples.asset("ups-1", priority: "1"))
        try harness.settle()
        var alert = Samples.alert("r@ups-1", actions: ["EMAIL"], ttl: 86_400)
        try harness.publish(alert)
        _ = try #require(try harness.email.next())
        alert.state = state
        let frame = try harness.publish(alert)
        // Q24: the change into an ACK state notifies, with the acknowledged alert.
        #expect(try harness.email.next()?.content.last == frame)
        try harness.advance(by: 5 * Self.minute)
        try harness.email.expectNothing()
        harness.clock.advance(by: Self.minute)
        if reminds {
            #expect(try harness.email.next()?.content.last == frame)
        } else {
            try harness.settle()
            try harness.email.expectNothing()
        }
    }

    @Test func alertNotRefreshedWithinItsTtlIsResolvedAndForgotten() throws {
        let harness = try ActionsHarness()
        try harness.publish(Samples.asset("ups-1"))
        try harness.settle()
        let alert = Samples.alert("r@ups-1", actions: ["GPO_INTERACTION:g:open"], ttl: 90)
        try harness.publish(alert)
        #expect(try harness.gpio.next()?.contentStrings.last == "open")
        try harness.advance(by: Self.minute)
        try harness.publish(alert)  // refreshed: lives until +150 s now
        try harness.settle()  // handled before the clock moves on
        try harness.advance(by: Self.minute)  // +120 s: the refresh keeps it
        harness.clock.advance(by: Self.minute)  // +180 s: more than 90 s after the refresh
        #expect(try harness.gpio.next()?.contentStrings.last == "close")
        try harness.settle()
        try harness.publish(alert)
        #expect(try harness.gpio.next()?.contentStrings.last == "open", "forgotten, so new again")
    }
}
