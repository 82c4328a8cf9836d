import Foundation
import MalamuteClient

/// One producer thread publishing as fast as it can, one consumer thread counting deliveries.
struct StreamThroughput {
    let endpoint: String
    let messages: Int
    let frame: [UInt8]

    /// Returns messages per second, from the first send to the last delivery.
    func run() throws -> Double {
        let ready = DispatchSemaphore(value: 0)
        let done = DispatchSemaphore(value: 0)
        let result = ResultBox()
        let endpoint = endpoint, messages = messages

        let consumerThread = Thread {
            defer { done.signal() }
            do {
                let consumer = MalamuteClient(
                    configuration: ClientConfiguration(endpoint: endpoint, name: "bench-consumer"))
                defer { consumer.close() }
                try consumer.connect()
                try consumer.setConsumer(stream: "METRICS", pattern: ".*")
                ready.signal()
                var received = 0
                while received < messages {
                    guard try consumer.receive(timeout: .seconds(10)) != nil else { break }
                    received += 1
                }
                result.set(received: received, at: ContinuousClock.now)
            } catch {
                result.fail("consumer: \(error)")
                ready.signal()
            }
        }
        consumerThread.start()
        ready.wait()

        let producer = MalamuteClient(configuration: ClientConfiguration(endpoint: endpoint, name: "bench-producer"))
        defer { producer.close() }
        try producer.connect()
        try producer.setProducer(stream: "METRICS")
        let start = ContinuousClock.now
        let content = [frame]
        for _ in 0..<messages {
            try producer.send(subject: "temperature@sensor-12", content: content)
        }
        // Keep the producer's session alive (heartbeats) while the consumer drains.
        while done.wait(timeout: .now()) == .timedOut {
            _ = try producer.receive(timeout: .milliseconds(50))
        }
        let (received, end, failure) = result.get()
        if let failure { throw BenchmarkError(failure) }
        guard received == messages, let end else {
            throw BenchmarkError("consumer received \(received) of \(messages) messages")
        }
        let seconds = Double((end - start).components.attoseconds) / 1e18 + Double((end - start).components.seconds)
        return Double(messages) / seconds
    }
}

/// Thread-safe holder of the consumer's outcome.
final class ResultBox: @unchecked Sendable {
    // @unchecked: every access goes through `lock`.
    private let lock = NSLock()
    private var received = 0
    private var end: ContinuousClock.Instant?
    private var failure: String?

    func set(received: Int, at end: ContinuousClock.Instant) {
        lock.withLock {
            self.received = received
            self.end = end
        }
    }

    func fail(_ message: String) { lock.withLock { failure = message } }

    func get() -> (Int, ContinuousClock.Instant?, String?) { lock.withLock { (received, end, failure) } }
}

/// A benchmark could not complete.
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
