import Testing

@testable import AbsenceWatch

/// The text form of expected periods.
@Suite struct PeriodTextTests {
    @Test(arguments: [
        ("1ms", Duration.milliseconds(1)), ("200ms", .milliseconds(200)), ("60s", .seconds(60)), ("60", .seconds(60)),
        ("5m", .seconds(300)), ("2h", .seconds(7200)), ("720h", .seconds(720 * 3600)),
    ])
    func acceptsWholeNumbersWithAUnit(_ text: String, _ period: Duration) {
        #expect(PeriodText.parse(text) == period)
    }

    @Test(arguments: ["", "s", "0", "0ms", "-1s", "1.5s", "1d", "721h", " 1s", "1 s", "99999999999999h", "１s"])
    func refusesAnythingElse(_ text: String) {
        #expect(PeriodText.parse(text) == nil)
    }

    @Test(arguments: [
        (Int64(1), "1ms"), (200, "200ms"), (1500, "1500ms"), (1000, "1s"), (90_000, "90s"), (60_000, "1m"),
        (3_600_000, "1h"), (5_400_000, "90m"),
    ])
    func formatsInTheLargestExactUnitAndReadsBack(_ milliseconds: Int64, _ text: String) {
        #expect(PeriodText.format(milliseconds: milliseconds) == text)
        #expect(PeriodText.parse(text) == .milliseconds(milliseconds))
    }
}
