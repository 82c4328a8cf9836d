import AlertEngine
import Testing

@testable import fty_alert_engine

/// What `expectations` prints for a person (issue 12 item 5).
@Suite struct ExpectationsTextTests {
    static let report = ExpectationsReport(
        counts: ["normal": 1, "degraded": 0, "failed": 0, "alert-low": 1, "alert-high": 0],
        expectations: [
            .init(topic: "status.ups@ups-1", rung: "alert-low", misses: 31, periodMilliseconds: 60_000,
                  lastArrival: 1_700_000_000_123, ladder: [10, 20, 30]),
            .init(topic: "load@a", rung: "normal", misses: 0, periodMilliseconds: 200, lastArrival: nil, ladder: [1, 1, 1]),
        ])

    @Test func columnsAreAlignedAndTheCountsFollow() {
        #expect(
            ExpectationsText.lines(of: Self.report) == [
                "TOPIC             RUNG       MISSED  PERIOD  LADDER    LAST ARRIVAL",
                "status.ups@ups-1  alert-low  31      1m      10,20,30  2023-11-14T22:13:20.123Z",
                "load@a            normal     0       200ms   1,1,1     never",
                "2 expected: normal 1, degraded 0, failed 0, alert-low 1, alert-high 0",
            ])
    }

    @Test func noExpectationIsOnlyTheCountLine() {
        #expect(ExpectationsText.lines(of: .empty) == ["0 expected: normal 0, degraded 0, failed 0, alert-low 0, alert-high 0"])
    }
}
