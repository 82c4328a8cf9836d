import AlertActions
import ArgumentParser
import Foundation
import FtyProto
import Logging
import MalamuteBroker
import MalamuteClient

/// How many ALERT messages per second the alert-actions actor absorbs (issue 5).
///
/// Runs in this process, as `fty-alert-engine --embedded-broker` does: a broker bound to a fresh
/// ipc endpoint and an inproc one, the actor on the inproc endpoint, and fake `fty-email`,
/// `fty-sensor-gpio` and `asset-agent` peers. The assets are published and absorbed first; a
/// warm-up round sends every alert once (the only e-mails of the run); then the timed rounds
/// publish one ALERT per rule as fast as the publisher can, each round followed by a sentinel
/// alert whose GPO request shows the actor has handled the round (at most two rounds in
/// flight). The mix is described on ``AlertLoad``: no request is sent per timed alert.
struct ActionsBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "actions", abstract: "ALERT messages per second absorbed by alert-actions, and its memory.")

    @Option(help: "Assets cached (one rule per asset).")
    var assets = 10_000

    @Option(help: "Timed ALERT messages (whole rounds of one per asset).")
    var alerts = 1_000_000

    func validate() throws {
        guard assets >= 10, alerts >= assets else { throw ValidationError("need --assets ≥ 10 and --alerts ≥ --assets") }
    }

    static let sentinelAsset = "bench-sentinel"

    func run() throws {
        let endpoint = "ipc://@/fty-alert-bench-actions-\(getpid())"
        let inproc = "inproc://fty-alert-bench-actions"
        var quiet = Logger(label: "bench")
        quiet.logLevel = .warning
        let broker = try MalamuteBroker(configuration: BrokerConfiguration(endpoints: [endpoint, inproc]), logger: quiet)
        defer { broker.stop() }

        let load = try AlertLoad(assets: assets)
        var known: [String: [UInt8]] = [:]
        for (index, frame) in load.assets.enumerated() { known["asset-\(index)"] = frame }
        known[Self.sentinelAsset] = try Self.sentinelAssetFrame(contact: "a")
        let peers = try FakePeers(endpoint: endpoint, assets: known)
        defer { peers.stop() }
        let baseline = try ProcessMemory.residentBytes()

        let server = AlertActionsServer(configuration: AlertActionsConfiguration(endpoint: inproc), logger: quiet)
        try server.start()
        defer { server.stop() }

        let assetPublisher = try Self.producer(endpoint, name: "bench-asset-publisher", stream: FtyStreams.assets)
        defer { assetPublisher.close() }
        let publisher = try Self.producer(endpoint, name: "bench-alert-publisher", stream: FtyStreams.alerts)
        defer { publisher.close() }
        var sentinel = Sentinel(publisher: publisher, peers: peers)

        // Assets first: a sentinel raised on its own asset, then that asset's contact changed
        // after every other asset (resolve + notify = two GPO requests once all are handled).
        say("actions: \(assets) assets, \(alerts) timed alerts in rounds of \(assets)")
        try assetPublisher.send(subject: "device@\(Self.sentinelAsset)", content: [known[Self.sentinelAsset]!])
        try sentinel.flip()
        try sentinel.await(requests: 1)
        for (index, frame) in load.assets.enumerated() {
            try assetPublisher.send(subject: "device@asset-\(index)", content: [frame])
        }
        try assetPublisher.send(subject: "device@\(Self.sentinelAsset)", content: [try Self.sentinelAssetFrame(contact: "b")])
        try sentinel.await(requests: 2)

        // Warm-up: every alert once (first-seen alerts, the e-mails of rules 3 and 4).
        try publish(load.rounds[0], with: publisher)
        try sentinel.flip()
        try sentinel.await(requests: 1)
        let warmedUp = peers.received

        let clock = ContinuousClock()
        let start = clock.now
        let rounds = alerts / assets
        var inFlight = 0
        for round in 1...rounds {
            try publish(load.rounds[round % 2], with: publisher)
            try sentinel.flip()
            inFlight += 1
            if inFlight > 1 {
                try sentinel.await(requests: 1)
                inFlight -= 1
            }
        }
        try sentinel.await(requests: inFlight)
        let elapsed = clock.now - start
        let resident = try ProcessMemory.residentBytes()

        let absorbed = rounds * assets + rounds
        Figure(
            label: "ALERT messages absorbed", value: Double(absorbed) / elapsed.seconds, unit: "alerts/s",
            target: .atLeast(50_000), detail: String(format: "%d in %.2f s, %d assets cached", absorbed, elapsed.seconds, assets)
        ).report()
        let mebibyte = 1024.0 * 1024.0
        Figure(
            label: "resident memory", value: Double(resident) / mebibyte, unit: "MiB",
            detail: String(
                format: "whole process incl. broker and publisher; %.1f MiB before the actor started",
                Double(baseline) / mebibyte)
        ).report()
        let requests = peers.received.filter { $0.key != "GPO_INTERACTION" && $0.key != "REPUBLISH" }
        let timedRequests = requests.reduce(0) { $0 + $1.value - (warmedUp[$1.key] ?? 0) }
        say("  requests during warm-up: \(warmedUp.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
        say("  e-mail/SMS/ASSET_DETAIL requests during the timed rounds: \(timedRequests)")
    }

    private func publish(_ round: [(subject: String, frame: [UInt8])], with client: MalamuteClient) throws {
        for alert in round { try client.send(subject: alert.subject, content: [alert.frame]) }
    }

    static func producer(_ endpoint: String, name: String, stream: String) throws -> MalamuteClient {
        let client = MalamuteClient(configuration: ClientConfiguration(endpoint: endpoint, name: name))
        try client.connect()
        try client.setProducer(stream: stream)
        return client
    }

    static func sentinelAssetFrame(contact: String) throws -> [UInt8] {
        var ext = FtyHash()
        ext["contact_email"] = contact
        return try FtyProtoCodec.encode(FtyAsset(aux: ["priority": "1"], name: sentinelAsset, operation: "update", ext: ext))
    }
}

/// The sentinel alert: raised and resolved in turn, each step answered by one GPO request.
struct Sentinel {
    let publisher: MalamuteClient
    let peers: FakePeers
    var raised = false
    var timeout: Duration = .seconds(60)

    mutating func flip() throws {
        raised.toggle()
        let alert = FtyAlert(
            time: 1_700_000_000, ttl: 3_600, rule: "bench-sentinel", name: ActionsBenchmark.sentinelAsset,
            state: raised ? "ACTIVE" : "RESOLVED", severity: "CRITICAL", description: "sentinel",
            action: ["GPO_INTERACTION:bench-gpo:open"])
        try publisher.send(subject: "bench-sentinel", content: [try FtyProtoCodec.encode(alert)])
    }

    /// Waits for `requests` GPO requests, keeping the publisher's session alive meanwhile.
    func await(requests: Int) throws {
        let clock = ContinuousClock()
        let end = clock.now + timeout
        var seen = 0
        while seen < requests {
            if peers.gpoRequests.wait(timeout: .now() + 0.05) == .success {
                seen += 1
                continue
            }
            _ = try publisher.receive(timeout: .zero)
            guard clock.now < end else { throw BenchmarkError("the actor handled no sentinel within \(timeout)") }
        }
    }
}
