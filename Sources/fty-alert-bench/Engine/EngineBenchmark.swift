import ArgumentParser
import Foundation

/// The engine server's figures (workloads 1–4 of the issue), measured on the real executable.
///
/// Generates the rules into a scratch directory, starts `fty-alert-engine --embedded-broker`
/// (the one built next to this program) on a fresh ipc endpoint, and talks to it only over the
/// bus: METRICS in, `_ALERTS_SYS` out, the `rfc-evaluator-rules` mailbox. Figures are printed
/// with the issue's targets beside them; the defaults are the issue's workload, and the options
/// scale it down for a smoke run.
struct EngineBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "Engine throughput, alert latency, start-up and rules-mailbox figures.",
        discussion: "Smoke run: --rules 500 --topics 100 --metrics 20000 --crossings 100 --adds 100 --gets 500")

    @Option(help: "Load rules to generate (80% simple, 15% complex, 5% single; plus 2 probe rules).")
    var rules = 10_000

    @Option(help: "Distinct metric topics the rules watch.")
    var topics = 2_000

    @Option(help: "Metrics to publish in the throughput workload.")
    var metrics = 500_000

    @Option(help: "Metrics per sentinel window in the throughput workload.")
    var window = 20_000

    @Option(help: "Every n-th round of a topic's values crosses a threshold (0 = never).")
    var crossingEvery = 100

    @Option(help: "Timed threshold crossings in the latency workload.")
    var crossings = 1_000

    @Option(help: "Durable ADD requests to time.")
    var adds = 2_000

    @Option(help: "GET requests to time.")
    var gets = 5_000

    @Option(help: "LIST requests of every rule to time.")
    var lists = 5

    @Option(help: "The engine executable (default: fty-alert-engine next to this program).")
    var enginePath: String?

    @Flag(help: "Keep the generated rules directory and the engine's log.")
    var keep = false

    @Flag(help: "Run the engine with --state-journal (a journal in the scratch directory), to measure what the journal costs.")
    var stateJournal = false

    func validate() throws {
        guard rules >= 20 else { throw ValidationError("--rules must be at least 20") }
        guard topics >= 2, topics <= rules else { throw ValidationError("--topics must be within 2...rules") }
        guard metrics > 0, window > 0, crossings > 0 else {
            throw ValidationError("--metrics, --window and --crossings must be positive")
        }
        guard adds >= 0, gets >= 0, lists >= 0, crossingEvery >= 0 else {
            throw ValidationError("counts must not be negative")
        }
    }

    func run() throws {
        let executable = enginePath.map { URL(fileURLWithPath: $0) } ?? EngineProcess.siblingExecutable()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("fty-alert-bench-\(getpid())")
        let rulesDirectory = scratch.appendingPathComponent("rules")
        try FileManager.default.createDirectory(at: rulesDirectory, withIntermediateDirectories: true)
        defer {
            if keep {
                say("kept \(scratch.path)")
            } else {
                try? FileManager.default.removeItem(at: scratch)
            }
        }

        let clock = ContinuousClock()
        let generated = clock.now
        let names = try BenchRuleSet(ruleCount: rules, topicCount: topics).write(to: rulesDirectory)
        let load = try MetricLoad(topicCount: topics, crossingEvery: crossingEvery)
        say(
            "engine: \(executable.path)\(stateJournal ? " --state-journal" : "")\nrules: \(names.count) files in \(rulesDirectory.path) "
                + "(\(rules) load rules on \(topics) topics + 2 probes), written in "
                + String(format: "%.2f s", (clock.now - generated).seconds))

        let endpoint = "ipc://@/fty-alert-bench-engine-\(getpid())"
        let startup = try StartupWorkload(
            executable: executable, endpoint: endpoint, rulesDirectory: rulesDirectory,
            logURL: scratch.appendingPathComponent("engine.log"),
            extraArguments: stateJournal ? ["--state-journal", scratch.appendingPathComponent("state/journal").path] : []
        ).run()
        let engine = startup.engine
        defer {
            startup.mailbox.close()
            let status = engine.stop()
            say("engine stopped (exit status \(status.map(String.init) ?? "killed"))")
        }
        report(startup, ruleFiles: names.count)

        try runMailboxReads(startup.mailbox, loadRuleNames: Array(names.prefix(rules)), total: names.count)
        // Idle through the stream workloads, its heartbeat would lapse: a fresh client does the ADDs.
        startup.mailbox.close()

        let perSecond = try runThroughput(endpoint: endpoint, load: load)
        try engine.checkAlive()
        try runLatency(endpoint: endpoint, load: load, loadRate: perSecond / 2)
        try engine.checkAlive()
        try runAdds(endpoint: endpoint)

        let resident = try engine.residentBytes()
        say(String(format: "engine resident memory at the end: %.1f MiB", Double(resident) / 1_048_576))
    }

    /// Workload 3's figures.
    func report(_ startup: StartupWorkload.Result, ruleFiles: Int) {
        say("3. start-up with \(ruleFiles) rule files")
        Figure(
            label: "spawn to first LIST answer", value: startup.untilAnswered.seconds * 1e3, unit: "ms",
            target: .below(500),
            detail: String(format: "broker accepted after %.1f ms", startup.untilConnected.seconds * 1e3)
        ).report()
        Figure(
            label: "resident memory after loading", value: Double(startup.residentBytes) / 1_048_576, unit: "MiB",
            target: .below(100)
        ).report()
    }

    /// Workload 4, reading part: LIST of every rule, then GETs (before the ADDs change the set).
    func runMailboxReads(_ mailbox: RulesMailbox, loadRuleNames: [String], total: Int) throws {
        say("4. rules mailbox, one request at a time")
        let workload = MailboxWorkload(mailbox: mailbox)
        if lists > 0 {
            let (times, listed) = try workload.timeLists(lists)
            guard listed == total else { throw BenchmarkError("LIST all returned \(listed) rules, expected \(total)") }
            let sorted = times.sorted()
            Figure(
                label: "LIST of all \(listed) rules", value: sorted[sorted.count / 2].seconds * 1e3, unit: "ms",
                target: .below(50),
                detail: String(
                    format: "median of %d; min %.1f ms, max %.1f ms", sorted.count, sorted[0].seconds * 1e3,
                    sorted[sorted.count - 1].seconds * 1e3)
            ).report()
        }
        if gets > 0 {
            let elapsed = try workload.timeGets(gets, of: loadRuleNames)
            Figure(
                label: "GET round trips", value: Double(gets) / elapsed.seconds, unit: "requests/s",
                target: .atLeast(5_000), detail: String(format: "%d in %.2f s", gets, elapsed.seconds)
            ).report()
        }
    }

    /// Workload 1; returns the metrics evaluated per second.
    func runThroughput(endpoint: String, load: MetricLoad) throws -> Double {
        say("1. throughput (\(metrics) metrics, windows of \(window), topics round robin)")
        let result = try ThroughputWorkload(endpoint: endpoint, load: load, metrics: metrics, window: window).run()
        Figure(
            label: "metrics evaluated", value: result.perSecond, unit: "metrics/s", target: .atLeast(130_000),
            detail: String(format: "%d metrics in %.2f s", result.metrics, result.elapsed.seconds)
        ).report()
        return result.perSecond
    }

    /// Workload 2, under load at `loadRate`.
    func runLatency(endpoint: String, load: MetricLoad, loadRate: Double) throws {
        say("2. latency over \(crossings) crossings under load at half the measured rate")
        let result = try LatencyWorkload(endpoint: endpoint, load: load, loadRate: loadRate, crossings: crossings).run()
        let samples = result.samples
        Figure(label: "p50 crossing to ALERT", value: samples.percentile(50) / 1e3, unit: "ms").report()
        Figure(
            label: "p99 crossing to ALERT", value: samples.percentile(99) / 1e3, unit: "ms", target: .below(5),
            detail: String(
                format: "max %.2f ms; load published at %.0f metrics/s", samples.percentile(100) / 1e3,
                result.loadRate)
        ).report()
    }

    /// Workload 4, writing part: durable ADDs on a fresh client.
    func runAdds(endpoint: String) throws {
        guard adds > 0 else { return }
        say("4. durable ADD, one at a time")
        let mailbox = try RulesMailbox.connect(endpoint: endpoint, name: "bench-rules-add", attempt: .seconds(5))
        defer { mailbox.close() }
        let elapsed = try MailboxWorkload(mailbox: mailbox).timeAdds(adds)
        Figure(
            label: "ADD round trips", value: Double(adds) / elapsed.seconds, unit: "requests/s",
            target: .atLeast(1_000), detail: String(format: "%d in %.2f s", adds, elapsed.seconds)
        ).report()
    }
}

/// Prints a progress line at once, even when the output is a pipe (figures come minutes apart).
func say(_ line: String) {
    print(line)
    fflush(nil)
}
