import AlertHistory
import ArgumentParser
import Foundation

/// The alert history's figures (issue 10): recorder throughput, a filtered query's p99 over
/// the filled database, webhook ingest, and the engine's metric throughput with history on and
/// off in the same invocation (the real executable, as `engine` runs it).
struct HistoryBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Recorder throughput, history query p99, webhook ingest, engine throughput with history on and off.",
        discussion: """
            Smoke run: --transitions 50000 --queries 200 --requests 500 --rules 500 --topics 100 --metrics 20000
            One part: --parts webhook (the query part needs the recorder's database, so it records too).
            """)

    /// The parts of the benchmark, run in this order.
    enum Part: String, CaseIterable, ExpressibleByArgument {
        case recorder, query, webhook, engine
    }

    @Option(
        parsing: .upToNextOption,
        help: "The parts to run (recorder, query, webhook, engine; default: all). query records first.")
    var parts: [Part] = Part.allCases

    @Option(help: "Transitions to record (the query workload runs over them).")
    var transitions = 1_000_000

    @Option(help: "Filtered history queries to time.")
    var queries = 2_000

    @Option(help: "Webhook requests of 10 alerts each.")
    var requests = 20_000

    @Option(help: "Keep-alive HTTP connections posting webhooks.")
    var connections = 4

    @Option(help: "Load rules of the engine comparison (as `engine --rules`).")
    var rules = 10_000

    @Option(help: "Distinct metric topics of the engine comparison.")
    var topics = 2_000

    @Option(help: "Metrics published per engine run.")
    var metrics = 500_000

    @Option(help: "Engine runs with history off and on, alternated (the best of each is compared).")
    var rounds = 2

    @Option(help: "The engine executable (default: fty-alert-engine next to this program).")
    var enginePath: String?

    func validate() throws {
        guard transitions > 0, queries > 0, requests > 0, connections > 0, rounds > 0 else {
            throw ValidationError("counts must be positive")
        }
        guard rules >= 20, topics >= 2, topics <= rules, metrics > 0 else {
            throw ValidationError("--rules at least 20, --topics within 2...rules, --metrics positive")
        }
    }

    func run() async throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("fty-alert-bench-history-\(getpid())")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }

        let selected = Set(parts)
        if selected.contains(.recorder) || selected.contains(.query) {
            say("1. recorder: \(transitions) transitions through the bounded queue")
            let store = try HistoryStore(path: scratch.appendingPathComponent("recorder.db").path)
            let base = HistoryWriter.wallClock() - Int64(transitions)
            RecorderWorkload(store: store, transitions: transitions, base: base).run().report()

            if selected.contains(.query) {
                say("2. filtered history queries (page of 100) over the \(transitions) transitions")
                let (samples, matched) = try await HistoryQueryWorkload(
                    store: store, queries: queries, newest: base + Int64(transitions)
                ).run()
                Figure(label: "p50 query", value: samples.percentile(50) / 1e3, unit: "ms").report()
                Figure(
                    label: "p99 query", value: samples.percentile(99) / 1e3, unit: "ms", target: .below(20),
                    detail: String(
                        format: "%d queries, %.0f records a page on average; max %.2f ms", queries,
                        Double(matched) / Double(queries), samples.percentile(100) / 1e3)
                ).report()
            }
        }

        if selected.contains(.webhook) {
            say("3. webhook ingest: \(requests) requests of 10 alerts over \(connections) connections")
            try await WebhookIngestWorkload.run(requests: requests, connections: connections, directory: scratch.path).report()
        }

        if selected.contains(.engine) {
            say("4. engine metric throughput, history off and on (\(rounds) rounds each, alternated)")
            try engineComparison(scratch: scratch).forEach { $0.report() }
        }
    }

    /// The engine's throughput workload with `--history off` and with a history, alternated.
    func engineComparison(scratch: URL) throws -> [Figure] {
        let executable = enginePath.map { URL(fileURLWithPath: $0) } ?? EngineProcess.siblingExecutable()
        let rulesDirectory = scratch.appendingPathComponent("rules")
        try FileManager.default.createDirectory(at: rulesDirectory, withIntermediateDirectories: true)
        _ = try BenchRuleSet(ruleCount: rules, topicCount: topics).write(to: rulesDirectory)
        let load = try MetricLoad(topicCount: topics, crossingEvery: 100)
        var best: [Bool: Double] = [:]
        var recorded = 0
        for round in 0..<(2 * rounds) {
            let history = round % 2 == 1
            let database = scratch.appendingPathComponent("engine-\(round).db").path
            let endpoint = "ipc://@/fty-alert-bench-history-\(getpid())-\(round)"
            let startup = try StartupWorkload(
                executable: executable, endpoint: endpoint, rulesDirectory: rulesDirectory,
                logURL: scratch.appendingPathComponent("engine-\(round).log"),
                extraArguments: ["--http-listen", "off", "--history", history ? database : "off"]
            ).run()
            startup.mailbox.close()
            let result = try ThroughputWorkload(endpoint: endpoint, load: load, metrics: metrics, window: 20_000).run()
            try startup.engine.checkAlive()
            _ = startup.engine.stop()
            if history {
                recorded = try HistoryStore.openReadOnly(path: database).count()
            }
            say(String(format: "  round %d, history %@: %.0f metrics/s", round + 1, history ? "on" : "off", result.perSecond))
            best[history] = max(best[history] ?? 0, result.perSecond)
        }
        let off = best[false] ?? 0
        let on = best[true] ?? 0
        let change = (on - off) / off * 100
        return [
            Figure(label: "metrics evaluated, history off", value: off, unit: "metrics/s"),
            Figure(
                label: "metrics evaluated, history on", value: on, unit: "metrics/s",
                detail: String(format: "%d transitions recorded in the last run", recorded)),
            Figure(
                label: "history on vs off", value: -change, unit: "% slower", target: .below(5),
                detail: String(format: "best of %d runs each", rounds)),
        ]
    }
}
