import Locking
import AlertEngine
import ArgumentParser
import Autoconfig
import Foundation
import FtyProto
import Logging
import MalamuteBroker
import MalamuteClient
import Synchronization

/// Autoconfig end to end: ASSETs published on ASSETS until the engine holds every generated rule.
///
/// Runs in process what `fty-alert-engine --embedded-broker` runs (broker, engine server,
/// autoconfig server sharing the asset view; the servers on the in-process endpoint), publishes
/// the assets from a client on an ipc endpoint as fty-asset would, and watches the rules
/// directory: a rule file exists once the engine has answered OK to its ADD (decisions.md D6).
/// The debounce of engine.md §11.4 (generation 5 s after the last asset message) is reported
/// apart from the work that follows it.
struct AutoconfigBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "autoconfig",
        abstract: "Time from ASSET announcements to generated rules held by the engine.")

    @Option(help: "Assets to announce (mix of UPS, ePDU, rack, datacenter, row, sensors, STS).")
    var assets = 1_000

    @Option(help: "Templates directory (default: the shared reference templates).")
    var templatesDir: String?

    @Option(help: "Debounce in ms: generation runs this long after the last asset message (spec: 5000).")
    var debounceMs = 5_000

    @Option(help: "Where the scratch rules directory goes (e.g. /dev/shm to leave out the disk's fsync cost).")
    var scratchDir: String?

    @Flag(help: "Keep the scratch rules directory.")
    var keep = false

    func validate() throws {
        guard assets > 0, debounceMs > 0 else { throw ValidationError("--assets and --debounce-ms must be positive") }
    }

    func run() throws {
        let templates = templatesDir ?? Self.referenceTemplates()
        let scratch = (scratchDir.map { URL(fileURLWithPath: $0) } ?? FileManager.default.temporaryDirectory)
            .appendingPathComponent("fty-alert-bench-autoconfig-\(getpid())")
        let rules = scratch.appendingPathComponent("rules").path
        try FileManager.default.createDirectory(atPath: rules, withIntermediateDirectories: true)
        defer {
            if keep { say("kept \(scratch.path)") } else { try? FileManager.default.removeItem(at: scratch) }
        }
        let mix = BenchAssets(count: assets)
        say("autoconfig: \(assets) assets, templates \(templates), rules \(rules)")
        say("expected: \(mix.engineRuleCount) rules kept by the engine, \(mix.flexibleRuleCount) sent to fty-alert-flexible")
        try measureExpansion(mix, templates: templates)

        var quiet = Logger(label: "bench")
        quiet.logLevel = .warning
        let endpoint = "ipc://@/fty-alert-bench-autoconfig-\(getpid())"
        let inproc = "inproc://fty-alert-bench-autoconfig"
        let broker = try MalamuteBroker(configuration: BrokerConfiguration(endpoints: [endpoint, inproc]), logger: quiet)
        defer { broker.stop() }
        let view = AssetInfoView()
        let engine = EngineServer(
            configuration: EngineConfiguration(endpoint: inproc, rulesDirectory: rules, assetInfo: view.info(for:)),
            logger: quiet)
        try engine.start()
        defer { engine.stop() }
        let periods = GenerationPeriods(
            initial: .milliseconds(2000), pending: .milliseconds(debounceMs), retry: .milliseconds(60000))
        let autoconfig = AutoconfigServer(
            configuration: AutoconfigConfiguration(
                endpoint: inproc, rulesDirectory: rules, templatesDirectory: templates, periods: periods, assetView: view),
            logger: quiet)
        try autoconfig.start()
        defer { autoconfig.stop() }
        let flexible = try FlexibleCounter(endpoint: endpoint)
        defer { flexible.stop() }

        let publisher = MalamuteClient(configuration: ClientConfiguration(endpoint: endpoint, name: "asset-agent"))
        try publisher.connect()
        try publisher.setProducer(stream: FtyStreams.assets)
        defer { publisher.close() }
        let frames = try mix.items.map { try FtyProtoCodec.encode($0.asset) }

        let clock = ContinuousClock()
        let start = clock.now
        for (item, frame) in zip(mix.items, frames) {
            try publisher.send(subject: "\(item.asset.aux["type"] ?? "")@\(item.asset.name)", content: [frame])
        }
        let published = clock.now
        var first: ContinuousClock.Instant?
        var count = 0
        let limit = published + .milliseconds(debounceMs) + .seconds(120)
        while count < mix.engineRuleCount || flexible.count < mix.flexibleRuleCount {
            _ = try publisher.receive(timeout: .milliseconds(20))  // keeps the publisher's heartbeat going
            count = Self.ruleFiles(in: rules)
            if count > 0, first == nil { first = clock.now }
            guard clock.now < limit else {
                throw BenchmarkError(
                    "after 120 s past the debounce: \(count) of \(mix.engineRuleCount) rule files, "
                        + "\(flexible.count) of \(mix.flexibleRuleCount) flexible rules")
            }
        }
        let done = clock.now
        try verify(mix, endpoint: endpoint)

        let debounce = Duration.milliseconds(debounceMs)
        say("timeline from the first ASSET published:")
        Figure(label: "publish \(assets) ASSETs", value: (published - start).ms, unit: "ms").report()
        Figure(
            label: "first rule file", value: (first! - start).ms, unit: "ms",
            detail: "debounce \(debounceMs) ms after the last asset message, then expansion of the whole pass").report()
        Figure(label: "every rule held by the engine", value: (done - start).ms, unit: "ms").report()
        Figure(
            label: "debounce wait (timer, not work)", value: debounce.ms, unit: "ms",
            detail: "engine.md §11.4: each asset message restarts the timer").report()
        Figure(
            label: "expansion + send + engine after the debounce", value: (done - published - debounce).ms, unit: "ms",
            target: .below(5000),
            detail: "\(mix.engineRuleCount) rules stored, \(mix.flexibleRuleCount) flexible; "
                + String(format: "first file to last %.0f ms", (done - first!).ms)
        ).report()
    }

    /// The expansion alone: the generation pass of the pure core for the same assets.
    func measureExpansion(_ mix: BenchAssets, templates: String) throws {
        let listing = try TemplateDirectory(path: templates).read()
        var state = AutoconfigState(now: 0)
        for item in mix.items { _ = state.handle(item.asset) }
        let clock = ContinuousClock()
        let start = clock.now
        let pass = state.generate(templates: listing.templates, now: 1)
        let elapsed = clock.now - start
        let bytes = pass.rules.reduce(0) { $0 + $1.text.count }
        Figure(
            label: "expansion alone (pure generation pass)", value: elapsed.ms, unit: "ms",
            detail: "\(pass.rules.count) rules, \(bytes / 1024) KiB of JSON").report()
    }

    /// The engine holds exactly the expected rules (LIST all).
    func verify(_ mix: BenchAssets, endpoint: String) throws {
        let client = MalamuteClient(configuration: ClientConfiguration(endpoint: endpoint, name: "bench-verify"))
        try client.connect()
        defer { client.close() }
        try client.sendTo(address: EngineNames.mailboxClient, subject: EngineNames.rulesSubject, content: ["LIST", "all"])
        guard let reply = try client.receive(timeout: .seconds(30)) else { throw BenchmarkError("no LIST reply") }
        var held: Set<String> = []
        for frame in reply.content.dropFirst(3) {
            if case .object(let members) = try JSONParser.parse(frame), let body = members.first?.value,
                let name = body[member: "rule_name"]?.text
            {
                held.insert(name)
            }
        }
        let expected = Set(mix.items.flatMap(\.engineRules))
        guard held == expected else {
            throw BenchmarkError(
                "engine holds \(held.count) rules, expected \(expected.count); "
                    + "missing e.g. \(expected.subtracting(held).prefix(3)), extra e.g. \(held.subtracting(expected).prefix(3))")
        }
        say("verified: the engine holds exactly the \(held.count) expected rules")
    }

    static func ruleFiles(in directory: String) -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).count { $0.hasSuffix(".rule") }
    }

    /// `shared/reference/templates` beside the checkout this program was built from.
    static func referenceTemplates() -> String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<5 { url.deleteLastPathComponent() }  // Sources/fty-alert-bench/Autoconfig/<file>
        return url.appendingPathComponent("shared/reference/templates").path
    }
}

extension Duration {
    fileprivate var ms: Double {
        Double(components.seconds) * 1e3 + Double(components.attoseconds) / 1e15
    }
}

/// Stands in for fty-alert-flexible: counts the ADDs it receives and answers OK.
final class FlexibleCounter: Sendable {
    private let received = Atomic(0)
    private let stopping = Atomic(false)
    private let finished = DispatchSemaphore(value: 0)

    init(endpoint: String) throws {
        let ready = DispatchSemaphore(value: 0)
        let failure = Locked<String?>(nil)
        let thread = Thread { [self] in
            defer { finished.signal() }
            let client = MalamuteClient(configuration: ClientConfiguration(endpoint: endpoint, name: AutoconfigNames.flexible))
            do {
                try client.connect()
            } catch {
                failure.withLock { $0 = "\(error)" }
                ready.signal()
                return
            }
            ready.signal()
            while !stopping.load(ordering: .acquiring) {
                guard let delivery = try? client.receive(timeout: .milliseconds(20)) else { continue }
                if delivery.contentStrings.first == "ADD" { received.add(1, ordering: .relaxed) }
                try? client.reply(to: delivery, content: [Array("OK".utf8)] + delivery.content.dropFirst().prefix(1))
            }
            client.close()
        }
        thread.start()
        ready.wait()
        if let error = failure.withLock({ $0 }) { throw BenchmarkError("fty-alert-flexible stand-in: \(error)") }
    }

    var count: Int { received.load(ordering: .relaxed) }

    func stop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        finished.wait()
    }
}
