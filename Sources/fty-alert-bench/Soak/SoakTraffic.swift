import Foundation
import FtyProto
import MalamuteClient

/// The soak's side traffic on one thread: rules-mailbox requests (ADD, GET, LIST, DELETE) and
/// asset churn on ASSETS (create, then delete, a UPS), a few times a second, until stopped.
final class SoakTraffic: @unchecked Sendable {
    // @unchecked: the mutable state is only touched under `lock`.
    private let lock = NSLock()
    private var stopRequested = false
    private var counts = (requests: 0, assets: 0, failure: String?.none)
    private let finished = DispatchSemaphore(value: 0)
    let endpoint: String

    init(endpoint: String) { self.endpoint = endpoint }

    /// Starts the thread; returns once its clients are connected.
    func start() throws {
        let ready = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        Thread { [self] in
            defer { finished.signal() }
            let mailbox: RulesMailbox
            let assets = MalamuteClient(configuration: ClientConfiguration(endpoint: endpoint, name: "soak-assets"))
            do {
                mailbox = try RulesMailbox.connect(endpoint: endpoint, name: "soak-mailbox", attempt: .seconds(1))
                try assets.connect()
                try assets.setProducer(stream: FtyStreams.assets)
            } catch {
                assets.close()
                failure.set("soak traffic: \(error)")
                ready.signal()
                return
            }
            ready.signal()
            defer {
                mailbox.close()
                assets.close()
            }
            var round = 0
            do {
                while !lock.withLock({ stopRequested }) {
                    try step(round, mailbox: mailbox, assets: assets)
                    round += 1
                    // Paces the traffic and keeps the asset client's heartbeat going.
                    _ = try assets.receive(timeout: .milliseconds(100))
                }
            } catch {
                lock.withLock { counts.failure = "soak traffic: \(error)" }
            }
        }.start()
        ready.wait()
        if let message = failure.get() { throw BenchmarkError(message) }
    }

    private func step(_ round: Int, mailbox: RulesMailbox, assets: MalamuteClient) throws {
        let name = "soak-churn-\(round % 50)"
        let rule = RuleDocuments.simple(name: name, target: "soak.churn@\(name)", element: name)
        _ = try mailbox.request(["ADD", rule], expecting: "OK")
        _ = try mailbox.request(["GET", name], expecting: "OK")
        if round % 10 == 0 { _ = try mailbox.request(["LIST", "all"], expecting: "LIST") }
        _ = try mailbox.request(["DELETE", name], expecting: "OK")
        let asset = String(format: "ups-soak-%03d", round % 20)
        let operation = round % 40 < 20 ? "create" : "delete"
        let message = FtyAsset(
            aux: ["type": "device", "subtype": "ups", "status": "active", "priority": "P1", "parent": "1"],
            name: asset, operation: operation, ext: ["name": "Soak \(asset)", "phases.input": "1", "phases.output": "1"])
        try assets.send(subject: "device.ups@\(asset)", content: [try FtyProtoCodec.encode(message)])
        lock.withLock {
            counts.requests += round % 10 == 0 ? 4 : 3
            counts.assets += 1
        }
    }

    /// Mailbox requests answered and asset messages sent so far; throws the thread's failure.
    func progress() throws -> (requests: Int, assets: Int) {
        let snapshot = lock.withLock { counts }
        if let failure = snapshot.failure { throw BenchmarkError(failure) }
        return (snapshot.requests, snapshot.assets)
    }

    func stop() throws {
        lock.withLock { stopRequested = true }
        finished.wait()
        _ = try progress()
    }
}
