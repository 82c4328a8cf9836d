import ArgumentParser
import Foundation

/// The engine server's figures (workloads 1–4 of the issue), measured on the real executable.
///
/// Generates the rules into a scratch directory, starts `fty-alert-engine --embedded-broker`
/// (the one built next to this program) on a fresh ipc endpoint, and talks to it only over the
/// bus: METRICS in, `_ALERTS_SYS` out, the `rfc-evaluator-rules` mailbox. Figures are printed
/// with the targets beside them; the defaults are the workload, and the options
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
        let ruleSet = BenchRuleSet(ruleCount: rules, topicCount: topics)
        let names = try ruleSet.write(to: rulesDirectory)
        let load = try MetricLoad(topicCount: topics, crossingEvery: crossingEvery)
        say(
            "engine: \(executable.path)\nrules: \(names.count) files in \(rulesDirectory.path) "
                + "(\(rules) load rules on \(topics) topics + 2 probes), written in "
                + String(format: "%.2f s", (clock.now - generated).seconds))

        let endpoint = "ipc://@/fty-alert-bench-engine-\(getpid())"
        let startup = try StartupWorkload(
            executable: executable, endpoint: endpoint, rulesDirectory: rulesDirectory,
            logURL: scratch.appendingPathComponent("engine.log")
        ).run()
        let engine = startup.engine
        defer {
            startup.mailbox.close()
            let status = engine.stop()
            say("engine stopped (exit status \(status.map(String.init) ?? "killed"))")
        }
        say("3. start-up with \(names.count) rule files")
        Figure(
            label: "spawn to first LIST answer", value: startup.untilAnswered.seconds * 1e3, unit: "ms",
            target: .below(500),
            detail: String(format: "broker accepted after %.1f ms", startup.untilConnected.seconds * 1e3)
        ).report()
        Figure(
            label: "resident memory after loading", value: Double(startup.residentBytes) / 1_048_576, unit: "MiB",
            target: .below(100)
        ).report()

        try runMailboxReads(startup.mailbox, names: Array(names.prefix(rules)), total: names.count)
        // Idle through the stream workloads, its heartbeat would lapse: a fresh client does the ADDs.
        startup.mailbox.close()

        say("1. throughput (\(metrics) metrics, windows of \(window), topics round robin)")
        let throughput = try ThroughputWorkload(endpoint: endpoint, load: load, metrics: metrics, window: window).run()
        try engine.checkAlive()
        Figure(
            label: "metrics evaluated", value: throughput.perSecond, unit: "metrics/s", target: .atLeast(130_000),
            detail: String(format: "%d metrics in %.2f s", throughput.metrics, throughput.elapsed.seconds)
        ).report()

        let halfRate = throughput.perSecond / 2
        say("2. latency over \(crossings) crossings under load at half the measured rate")
        let latency = try LatencyWorkload(endpoint: endpoint, load: load, loadRate: halfRate, crossings: crossings).run()
        try engine.checkAlive()
        let samples = latency.samples
        Figure(label: "p50 crossing to ALERT", value: samples.percentile(50) / 1e3, unit: "ms").report()
        Figure(
            label: "p99 crossing to ALERT", value: samples.percentile(99) / 1e3, unit: "ms", target: .below(5),
            detail: String(
                format: "max %.2f ms; load published at %.0f metrics/s", samples.percentile(100) / 1e3,
                latency.loadRate)
        ).report()

        if adds > 0 {
            say("4. durable ADD, one at a time")
            let mailbox = try RulesMailbox.connect(endpoint: endpoint, name: "bench-rules-add", attempt: .seconds(5))
            defer { mailbox.close() }
            let elapsed = try MailboxWorkload(mailbox: mailbox, ruleNames: [], lists: 0, gets: 0, adds: adds).runAdds()
            Figure(
                label: "ADD round trips", value: Double(adds) / elapsed.seconds, unit: "requests/s",
                target: .atLeast(1_000), detail: String(format: "%d in %.2f s", adds, elapsed.seconds)
            ).report()
        }
        let resident = try engine.residentBytes()
        say(String(format: "engine resident memory at the end: %.1f MiB", Double(resident) / 1_048_576))
    }

    /// Workload 4, reading part: LIST of every rule, then GETs (before the ADDs change the set).
    func runMailboxReads(_ mailbox: RulesMailbox, names: [String], total: Int) throws {
        say("4. rules mailbox, one request at a time")
        let reads = try MailboxWorkload(mailbox: mailbox, ruleNames: names, lists: lists, gets: gets, adds: 0)
            .runListsAndGets()
        if !reads.listTimes.isEmpty {
            let sorted = reads.listTimes.sorted()
            guard reads.listed == total else {
                throw BenchmarkError("LIST all returned \(reads.listed) rules, expected \(total)")
            }
            Figure(
                label: "LIST of all \(reads.listed) rules", value: sorted[sorted.count / 2].seconds * 1e3, unit: "ms",
                target: .below(50),
                detail: String(
                    format: "median of %d; min %.1f ms, max %.1f ms", sorted.count, sorted[0].seconds * 1e3,
                    sorted[sorted.count - 1].seconds * 1e3)
            ).report()
        }
        if gets > 0 {
            Figure(
                label: "GET round trips", value: Double(gets) / reads.getElapsed.seconds, unit: "requests/s",
                target: .atLeast(5_000), detail: String(format: "%d in %.2f s", gets, reads.getElapsed.seconds)
            ).report()
        }
    }
}

/// Prints a progress line at once, even when the output is a pipe (figures come minutes apart).
func say(_ line: String) {
    print(line)
    fflush(nil)
}
