import AbsenceWatch
import ArgumentParser
import Foundation

/// The absence ladder's figures (issue 12): memory added by tracking many expected topics and
/// the time of one sweep over all of them, in this process (the tracker is pure, no bus); then
/// the alive probes' figures (``ProbeFigures``).
struct AbsenceBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "absence",
        abstract: "RSS added by tracking expected topics and the time of one sweep of all of them; the same for alive probes, and their reports per second.",
        discussion: "Smoke run: --topics 10000 --sweeps 5 --probes 100 --reports 10000")

    @Option(help: "Expected topics to track.")
    var topics = 100_000

    @Option(help: "Sweeps timed for each kind (the median is reported).")
    var sweeps = 21

    @Option(help: "Alive probes to register.")
    var probes = 1_000

    @Option(help: "Alive reports to post to them (round robin).")
    var reports = 200_000

    func validate() throws {
        guard topics > 0, sweeps > 0, probes > 0, reports > 0 else { throw ValidationError("counts must be positive") }
    }

    func run() async throws {
        let period: Duration = .seconds(60)
        let start = AbsenceInstant(milliseconds: 1_700_000_000_000)
        let names = (0..<topics).map { "status.ups@ups-\($0)" }
        let before = try ProcessMemory.residentBytes()
        var tracker = ExpectationTracker(settle: .zero)
        for name in names {
            tracker.expect(id: name, period: period, thresholds: .deepSentinel, now: start)
            tracker.signal(id: name, at: start)
        }
        let after = try ProcessMemory.residentBytes()
        say("absence: \(topics) expected topics, period 60 s, DeepSentinel ladder")
        Figure(
            label: "RSS added", value: Double(after - before) / 1_048_576, unit: "MiB", target: .below(30),
            detail: "\(Figure.format(Double(after - before) / Double(topics))) bytes per topic"
        ).report()

        // A sweep where nothing is due (the steady state: every topic reported in time).
        var quiet: [Double] = []
        for step in 0..<sweeps {
            let now = start + .milliseconds(Int64(step))
            let began = ContinuousClock.now
            let transitions = tracker.sweep(now: now)
            quiet.append(Self.milliseconds(ContinuousClock.now - began))
            precondition(transitions.isEmpty)
        }
        // A sweep where every topic misses its period (the worst case: all change rung).
        var due: [Double] = []
        var changed = 0
        for step in 1...sweeps {
            let now = start + period * (step * 11)
            let began = ContinuousClock.now
            let transitions = tracker.sweep(now: now)
            due.append(Self.milliseconds(ContinuousClock.now - began))
            changed += transitions.count
        }
        Figure(label: "sweep of all, none due", value: Self.median(quiet), unit: "ms", target: .below(10)).report()
        Figure(
            label: "sweep of all, every topic missed", value: Self.median(due), unit: "ms", target: .below(10),
            detail: "\(changed) rung changes over \(sweeps) sweeps; slowest \(Figure.format(due.max() ?? 0)) ms"
        ).report()
        let signalled = ContinuousClock.now
        for name in names { tracker.signal(id: name, at: start + period * 1000) }
        let signalTime = Self.milliseconds(ContinuousClock.now - signalled)
        Figure(label: "signals", value: Double(topics) / (signalTime / 1000), unit: "per second").report()
        try ProbeFigures.run(probes: probes, reports: reports)
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }

    static func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
}
