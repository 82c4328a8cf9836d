import ArgumentParser
import Foundation

/// A long run of the real executable under steady load (issue 14 item 8).
///
/// Starts `fty-alert-engine --embedded-broker` with a generated rule set and the reference
/// templates, publishes metrics at `--rate` (a crossing every `--crossing-every` rounds of a
/// topic), and beside them rules-mailbox traffic and asset churn (``SoakTraffic``). Every minute
/// it prints the engine's resident memory, open descriptors and threads; at the end, the memory
/// growth after the first five minutes and the range of descriptors and threads.
struct SoakBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soak",
        abstract: "Long run under load: engine memory, descriptors and threads every minute.")

    @Option(help: "Minutes to run.")
    var minutes = 30

    @Option(help: "Metrics published per second.")
    var rate = 20_000

    @Option(help: "Load rules to generate.")
    var rules = 1_000

    @Option(help: "Distinct metric topics.")
    var topics = 500

    @Option(help: "Every n-th round of a topic's values crosses a threshold.")
    var crossingEvery = 20

    @Option(help: "Seconds between two samples (60 = every minute).")
    var sampleSeconds = 60

    @Option(help: "The engine executable (default: fty-alert-engine next to this program).")
    var enginePath: String?

    func validate() throws {
        guard minutes > 0, rate > 0, sampleSeconds > 0 else {
            throw ValidationError("--minutes, --rate and --sample-seconds must be positive")
        }
        guard rules >= 20, topics >= 2, topics <= rules, crossingEvery > 0 else {
            throw ValidationError("--rules ≥ 20, --topics within 2...rules, --crossing-every positive")
        }
    }

    func run() throws {
        let executable = enginePath.map { URL(fileURLWithPath: $0) } ?? EngineProcess.siblingExecutable()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("fty-alert-bench-soak-\(getpid())")
        let rulesDirectory = scratch.appendingPathComponent("rules")
        try FileManager.default.createDirectory(at: rulesDirectory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        _ = try BenchRuleSet(ruleCount: rules, topicCount: topics).write(to: rulesDirectory)
        let load = try MetricLoad(topicCount: topics, crossingEvery: crossingEvery)

        let endpoint = "ipc://@/fty-alert-bench-soak-\(getpid())"
        let engine = try EngineProcess(
            executable: executable, endpoint: endpoint, rulesDirectory: rulesDirectory,
            logURL: scratch.appendingPathComponent("engine.log"),
            extraArguments: ["--templates-dir", AutoconfigBenchmark.referenceTemplates()])
        defer { engine.stop() }
        let probe = try RulesMailbox.connect(endpoint: endpoint, name: "soak-probe", attempt: .seconds(1))
        _ = try probe.request(["LIST", "all"], expecting: "LIST", timeout: .seconds(30))
        probe.close()
        say("soak: \(minutes) min at \(rate) metrics/s, \(rules) rules on \(topics) topics, engine pid \(engine.pid)")

        let publisher = PacedPublisher(endpoint: endpoint, load: load, rate: Double(rate), firstIndex: 0)
        try publisher.start()
        let traffic = SoakTraffic(endpoint: endpoint)
        try traffic.start()

        let clock = ContinuousClock()
        let start = clock.now
        var samples: [(minute: Double, gauges: ProcessGauges)] = []
        let first = try ProcessGauges.read("\(engine.pid)")
        say("t=0.0 min: \(first.line)")
        samples.append((0, first))
        var next = start + .seconds(sampleSeconds)
        let end = start + .seconds(minutes * 60)
        while next <= end {
            while clock.now < next {
                try engine.checkAlive()
                _ = try traffic.progress()
                Thread.sleep(forTimeInterval: 0.5)
            }
            let gauges = try ProcessGauges.read("\(engine.pid)")
            let minute = (clock.now - start).seconds / 60
            let progress = try traffic.progress()
            say(String(format: "t=%.1f min: ", minute) + gauges.line
                + ", \(progress.requests) mailbox requests, \(progress.assets) asset messages")
            samples.append((minute, gauges))
            next += .seconds(sampleSeconds)
        }
        let published = try publisher.stop()
        try traffic.stop()
        try engine.checkAlive()
        report(samples, published: published)
    }

    func report(_ samples: [(minute: Double, gauges: ProcessGauges)], published: Double) {
        say(String(format: "published at %.0f metrics/s on average", published))
        let last = samples[samples.count - 1].gauges
        if let atFive = samples.first(where: { $0.minute >= 5 - 0.01 }) {
            let growth = Double(last.residentBytes - atFive.gauges.residentBytes) / 1_048_576
            Figure(
                label: "memory growth after minute \(String(format: "%.1f", atFive.minute))", value: growth,
                unit: "MiB", target: .below(5)
            ).report()
        }
        let descriptors = samples.map(\.gauges.descriptors), threads = samples.map(\.gauges.threads)
        say("descriptors: min \(descriptors.min()!), max \(descriptors.max()!); threads: min \(threads.min()!), max \(threads.max()!)")
    }
}
