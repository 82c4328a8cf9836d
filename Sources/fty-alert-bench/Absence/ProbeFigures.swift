import AbsenceWatch
import AliveProbes
import Foundation

/// The alive probes' figures (issue 12 item 3), printed by `fty-alert-bench absence`: RSS added
/// per registered probe, and alive reports handled per second through what
/// `POST /probe/<machine>/report` does after reading the body — check the token against the
/// salted hash and reset the ladder, then the same with the DeepSentinel report's JSON decode —
/// without HTTP.
enum ProbeFigures {
    /// Registers `probes` probes in a probes file in a scratch directory, loads them in a
    /// ``ProbeMonitor`` and posts `reports` alive reports to it (round robin), then prints.
    static func run(probes: Int, reports: Int) throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("fty-alert-bench-probes-\(getpid())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let path = scratch.appendingPathComponent("probes.json").path
        let period: Duration = .seconds(10)

        // The registry as `probes add` leaves it: one definition per probe, token stored hashed.
        let tokens = (0..<probes).map { _ in ProbeToken.generate() }
        let definitions = try (0..<probes).map { index in
            try ProbeRegistration(name: "probe-\(index)", machine: "machine-\(index)", period: "10s")
                .definition(token: tokens[index])
        }
        try ProbesStore.save(definitions, to: path)
        let machines = (0..<probes).map { "machine-\($0)" }

        let start = AbsenceInstant(milliseconds: 1_700_000_000_000)
        let before = try ProcessMemory.residentBytes()
        let monitor = try ProbeMonitor(path: path, now: start)
        let after = try ProcessMemory.residentBytes()
        say("probes: \(probes) registered, period 10 s, DeepSentinel ladder, \(reports) alive reports")
        Figure(
            label: "RSS added by the probes", value: Double(after - before) / 1_048_576, unit: "MiB",
            detail: "\(Figure.format(Double(after - before) / Double(probes))) bytes per probe: registry loaded from the file, ladders, whatever the decoder left in the heap"
        ).report()

        // Every probe at alert-high first, so the first report of each resets the ladder and
        // queues a RESOLVED (the costly case), the later ones find it normal.
        monitor.sweep(now: start + period * 1000)
        _ = monitor.takeAlerts()
        let body = Array(#"{"machineStatus":"pass","services":{}}"#.utf8)
        let decoded = try ProbeReport.decode(body)
        let resetAt = start + period * 1000
        let rate = { (decode: Bool) throws -> (perSecond: Double, recorded: Int) in
            var recorded = 0
            let began = ContinuousClock.now
            for index in 0..<reports {
                let probe = index % probes
                let report = decode ? try ProbeReport.decode(body) : decoded
                let now = resetAt + .milliseconds(Int64(index))
                if case .recorded(let count) = monitor.report(machine: machines[probe], report, token: tokens[probe], now: now) {
                    recorded += count
                }
            }
            return (Double(reports) / (AbsenceBenchmark.milliseconds(ContinuousClock.now - began) / 1000), recorded)
        }
        let bare = try rate(false)
        precondition(bare.recorded == reports, "\(bare.recorded) of \(reports) reports recorded")
        let resolved = monitor.takeAlerts().filter { $0.publication == .resolved }.count
        Figure(
            label: "alive reports, one thread", value: bare.perSecond, unit: "per second",
            detail: "hashed-token check + ladder reset; \(resolved) RESOLVED queued, \(Figure.format(1e6 / bare.perSecond)) µs each"
        ).report()
        let withDecode = try rate(true)
        Figure(
            label: "alive reports with the body decode, one thread", value: withDecode.perSecond, unit: "per second",
            detail: "\(Figure.format(1e6 / withDecode.perSecond)) µs each"
        ).report()

        // The HTTP route's handlers run on several threads: the same reports from every core.
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let parallelBegan = ContinuousClock.now
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: reports, by: workers) {
                let probe = index % probes
                guard let report = try? ProbeReport.decode(body) else { continue }
                _ = monitor.report(machine: machines[probe], report, token: tokens[probe], now: start + period * 2000)
            }
        }
        let parallel = AbsenceBenchmark.milliseconds(ContinuousClock.now - parallelBegan) / 1000
        Figure(
            label: "alive reports with the body decode, \(workers) threads", value: Double(reports) / parallel, unit: "per second"
        ).report()

        // A wrong token costs the same hash and records nothing (the 401 of the route).
        let refusals = min(reports, 100_000)
        let refusedBegan = ContinuousClock.now
        for index in 0..<refusals {
            let probe = index % probes
            let outcome = monitor.report(machine: machines[probe], ProbeReport(), token: tokens[(probe + 1) % probes], now: start)
            precondition(probes == 1 || outcome == .unauthorized)
        }
        let refused = AbsenceBenchmark.milliseconds(ContinuousClock.now - refusedBegan) / 1000
        Figure(label: "wrong-token refusals, one thread", value: Double(refusals) / refused, unit: "per second").report()

        // What the probe service does every 100 ms and at most once a second.
        var sweeps: [Double] = []
        for step in 0..<21 {
            let sweepBegan = ContinuousClock.now
            monitor.sweep(now: start + period * (3000 + step * 11))
            sweeps.append(AbsenceBenchmark.milliseconds(ContinuousClock.now - sweepBegan))
        }
        _ = monitor.takeAlerts()
        Figure(label: "sweep of all probes", value: AbsenceBenchmark.median(sweeps), unit: "ms").report()
        let saveBegan = ContinuousClock.now
        try monitor.saveState()
        Figure(
            label: "state file write", value: AbsenceBenchmark.milliseconds(ContinuousClock.now - saveBegan), unit: "ms",
            detail: "\(probes) ladders, atomic write with fsync"
        ).report()
    }
}
