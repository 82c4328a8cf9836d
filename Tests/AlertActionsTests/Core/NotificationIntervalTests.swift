import AlertActions
import Testing

@Suite struct NotificationIntervalTests {
    static let minute: UInt64 = 60_000
    static let hour: UInt64 = 60 * minute

    /// Every cell of engine.md §12.6, plus priorities and severities outside the table.
    static let table: [(String, [Int: UInt64])] = [
        ("CRITICAL", [1: 5 * minute, 2: 15 * minute, 3: 15 * minute, 4: 15 * minute, 5: 15 * minute]),
        ("WARNING", [1: hour, 2: 4 * hour, 3: 4 * hour, 4: 4 * hour, 5: 4 * hour]),
        ("INFO", [1: 8 * hour, 2: 24 * hour, 3: 24 * hour, 4: 24 * hour, 5: 24 * hour]),
        ("OK", [:]),
        ("", [:]),
        ("critical", [:]),
    ]

    @Test(arguments: table)
    func followsTheTable(severity: String, intervals: [Int: UInt64]) {
        for priority in [-1, 0, 1, 2, 3, 4, 5, 6, 100] {
            #expect(
                NotificationInterval.milliseconds(severity: severity, priority: priority) == intervals[priority] ?? 0,
                "\(severity) priority \(priority)")
        }
    }
}
