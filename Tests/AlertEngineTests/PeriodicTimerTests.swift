import Logging
import TestSupport
import Testing

@testable import AlertEngine

/// The engine loop's timers and its log of skipped stream messages, without a bus.
@Suite struct PeriodicTimerTests {
    let start = ContinuousClock.now

    /// Whether `timer` fires at `offset` after `start`.
    func fires(_ timer: inout PeriodicTimer, at offset: Duration) -> Bool {
        timer.fire(now: start + offset)
    }

    @Test func firstFiringIsOnePeriodAfterStart() {
        var timer = PeriodicTimer(period: .seconds(30), start: start)
        #expect(!fires(&timer, at: .zero))
        #expect(!fires(&timer, at: .seconds(29)))
        #expect(fires(&timer, at: .seconds(30)))
        #expect(timer.deadline == start + .seconds(60))
    }

    @Test func aLateCheckFiresOnceAndReschedulesFromThatCheck() {
        var timer = PeriodicTimer(period: .seconds(1), start: start)
        #expect(fires(&timer, at: .seconds(10)))
        #expect(!fires(&timer, at: .seconds(10)))
        #expect(!fires(&timer, at: .milliseconds(10_999)))
        #expect(fires(&timer, at: .seconds(11)))
    }

    @Test func skippedMessagesAreCountedAndLoggedOncePerWindow() {
        let log = CapturedLog()
        var skipped = SkippedMessageLog(window: .seconds(10))
        for index in 0..<1000 {
            skipped.record(now: start + .milliseconds(index), logger: log.logger, "message \(index)")
        }
        #expect(skipped.total == 1000)
        #expect(log.messages.count == 1)
        #expect(log.contains("message 0"))
        skipped.record(now: start + .seconds(11), logger: log.logger, "late one")
        #expect(log.contains("skipped 999 more"))
        #expect(log.contains("late one"))
        #expect(log.messages.count == 3)
    }
}
