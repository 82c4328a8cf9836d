import Locking
import Foundation
import MalamuteClient
import Synchronization

/// `fty-email`, `fty-sensor-gpio` and `asset-agent` stand-ins on one thread: each request is
/// answered at once, e-mail and GPO with `[<uuid>, "OK"]`, ASSET_DETAIL with the asset's frame
/// from `assets`. Every GPO request signals ``gpoRequests``.
final class FakePeers: Sendable {
    let gpoRequests = DispatchSemaphore(value: 0)
    private let counts = Locked<[String: Int]>([:])
    private let stopping = Atomic(false)
    private let finished = DispatchSemaphore(value: 0)

    init(endpoint: String, assets: [String: [UInt8]]) throws {
        let ready = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        let thread = Thread { [self] in
            defer { finished.signal() }
            let names = ["fty-email", "fty-sensor-gpio", "asset-agent"]
            let clients = names.map { MalamuteClient(configuration: ClientConfiguration(endpoint: endpoint, name: $0)) }
            do {
                for client in clients { try client.connect() }
            } catch {
                failure.set("fake peers: \(error)")
                ready.signal()
                return
            }
            ready.signal()
            while !stopping.load(ordering: .acquiring) {
                guard let (index, request) = try? MalamuteClient.receiveAny(clients, timeout: .milliseconds(50))
                else { continue }
                counts.withLock { $0[request.subjectString, default: 0] += 1 }
                switch request.subjectString {
                case "REPUBLISH":
                    continue
                case "ASSET_DETAIL":
                    let frames = request.content
                    guard frames.count == 3, let asset = assets[String(decoding: frames[2], as: UTF8.self)] else { continue }
                    try? clients[index].reply(to: request, content: [frames[1], asset])
                default:
                    guard let id = request.content.first else { continue }
                    try? clients[index].reply(to: request, content: [id, Array("OK".utf8)])
                    if index == 1 { gpoRequests.signal() }
                }
            }
            for client in clients { client.close() }
        }
        thread.start()
        ready.wait()
        if let message = failure.get() { throw BenchmarkError(message) }
    }

    /// Requests received so far, by subject.
    var received: [String: Int] { counts.withLock { $0 } }

    func stop() {
        stopping.store(true, ordering: .releasing)
        finished.wait()
    }
}
