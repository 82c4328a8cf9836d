import Foundation
import MalamuteClient

/// Times mailbox round trips: a pinger sends, an echo thread sends the content straight back.
struct MailboxLatency {
    let endpoint: String
    let roundTrips: Int

    func run() throws -> LatencySamples {
        let ready = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let endpoint = endpoint, total = roundTrips + 1_000
        let echoThread = Thread {
            defer { done.signal() }
            guard
                let echo = try? {
                    let client = MalamuteClient(configuration: ClientConfiguration(endpoint: endpoint, name: "bench-echo"))
                    try client.connect()
                    return client
                }()
            else {
                ready.signal()
                return
            }
            defer { echo.close() }
            ready.signal()
            var answered = 0
            while answered < total, let mail = try? echo.receive(timeout: .seconds(10)) {
                try? echo.sendTo(address: mail.senderString, subject: mail.subjectString, content: mail.content)
                answered += 1
            }
        }
        echoThread.start()
        ready.wait()

        let pinger = MalamuteClient(configuration: ClientConfiguration(endpoint: endpoint, name: "bench-pinger"))
        defer { pinger.close() }
        try pinger.connect()
        let clock = ContinuousClock()
        var samples: [Double] = []
        samples.reserveCapacity(roundTrips)
        let payload: [[UInt8]] = [Array("ping".utf8)]
        for index in 0..<total {
            let start = clock.now
            try pinger.sendTo(address: "bench-echo", subject: "latency", content: payload)
            guard try pinger.receive(timeout: .seconds(5)) != nil else {
                throw BenchmarkError("no echo for round trip \(index)")
            }
            let elapsed = clock.now - start
            if index >= 1_000 {
                samples.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
            }
        }
        done.wait()
        return LatencySamples(micros: samples)
    }
}
