import Locking
import Foundation
import FtyProto
import MalamuteClient
import Synchronization

/// A stand-in for fty-asset (`asset-agent`) on a thread of its own, as the real agent runs:
/// answers `ASSET_DETAIL` with `[<uuid>, <ASSET>]` for the assets it knows, and publishes them
/// all on the assets stream when asked to `REPUBLISH`.
final class FakeAssetAgent: Sendable {
    private let known = Locked<[String: FtyAsset]>([:])
    private let received = Locked<[MalamuteDelivery]>([])
    private let answering = Atomic(true)
    private let stopping = Atomic(false)
    private let finished = DispatchSemaphore(value: 0)

    /// Connects as `asset-agent`, producer of `assetsStream`; returns once connected.
    init(endpoint: String, assetsStream: String) throws {
        let ready = DispatchSemaphore(value: 0)
        let failure = Locked<(any Error)?>(nil)
        let thread = Thread { [self] in
            defer { finished.signal() }
            let client = MalamuteClient(
                configuration: ClientConfiguration(endpoint: endpoint, name: "asset-agent", timeout: .seconds(2)))
            do {
                try client.connect()
                try client.setProducer(stream: assetsStream)
            } catch {
                failure.withLock { $0 = error }
                ready.signal()
                return
            }
            ready.signal()
            while !stopping.load(ordering: .acquiring) {
                guard let request = try? client.receive(timeout: .milliseconds(20)) else { continue }
                received.withLock { $0.append(request) }
                serve(request, with: client)
            }
            client.close()
        }
        thread.start()
        ready.wait()
        if let error = failure.withLock({ $0 }) { throw error }
    }

    /// Stops the thread.
    func stop() {
        guard !stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        finished.wait()
    }

    /// Makes `asset` known (ASSET_DETAIL answers it, REPUBLISH publishes it).
    func know(_ asset: FtyAsset) {
        known.withLock { $0[asset.name] = asset }
    }

    /// Whether ASSET_DETAIL is answered at all.
    func setAnswering(_ value: Bool) {
        answering.store(value, ordering: .releasing)
    }

    /// Every mail received so far.
    var requests: [MalamuteDelivery] { received.withLock { $0 } }

    /// The ASSET_DETAIL requests received so far.
    var lookups: [MalamuteDelivery] { requests.filter { $0.subjectString == "ASSET_DETAIL" } }

    private func serve(_ request: MalamuteDelivery, with client: MalamuteClient) {
        switch request.subjectString {
        case "REPUBLISH":
            for asset in known.withLock({ Array($0.values) }) {
                guard let frame = try? FtyProtoCodec.encode(asset) else { continue }
                try? client.send(subject: "device@\(asset.name)", content: [frame])
            }
        case "ASSET_DETAIL":
            let frames = request.contentStrings
            guard answering.load(ordering: .acquiring), frames.count == 3, frames[0] == "GET",
                let asset = known.withLock({ $0[frames[2]] }), let frame = try? FtyProtoCodec.encode(asset)
            else { return }
            try? client.reply(to: request, content: [request.content[1], frame])
        default:
            break
        }
    }
}
