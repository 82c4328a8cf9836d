import FtyProto
import Foundation
import MalamuteClient

/// A thread publishing the metric load at a fixed rate until stopped (background for workload 2).
///
/// Each millisecond it sends what the schedule says is due, then waits in `receive`, which also
/// keeps its session's heartbeat going. When it falls behind by more than 100 ms of load it
/// skips ahead rather than burst: the figure is latency under a steady load.
final class PacedPublisher: @unchecked Sendable {
    // @unchecked: the mutable state is only touched under `lock`.
    private let lock = NSLock()
    private var stopRequested = false
    private var outcome: (sent: Int, elapsed: Duration, failure: String?)?
    private let finished = DispatchSemaphore(value: 0)

    let endpoint: String
    let load: MetricLoad
    let rate: Double
    let firstIndex: Int

    init(endpoint: String, load: MetricLoad, rate: Double, firstIndex: Int) {
        self.endpoint = endpoint
        self.load = load
        self.rate = rate
        self.firstIndex = firstIndex
    }

    /// Starts the thread; returns once its client is connected and a producer.
    func start() throws {
        let ready = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        let thread = Thread { [self] in
            defer { finished.signal() }
            let client = MalamuteClient(configuration: ClientConfiguration(endpoint: endpoint, name: "bench-load"))
            defer { client.close() }
            do {
                try client.connect()
                try client.setProducer(stream: FtyStreams.metrics)
            } catch {
                failure.set("load publisher: \(error)")
                ready.signal()
                return
            }
            ready.signal()
            publish(with: client)
        }
        thread.start()
        ready.wait()
        if let message = failure.get() { throw BenchmarkError(message) }
    }

    /// Stops the thread and returns the rate it actually published at.
    func stop() throws -> Double {
        lock.withLock { stopRequested = true }
        finished.wait()
        let (sent, elapsed, failure) = lock.withLock { outcome } ?? (0, .zero, "no outcome")
        if let failure { throw BenchmarkError(failure) }
        return Double(sent) / elapsed.seconds
    }

    private func publish(with client: MalamuteClient) {
        let clock = ContinuousClock()
        let start = clock.now
        var sent = 0, skipped = 0
        let backlogLimit = max(1, Int(rate / 10))
        var failure: String?
        do {
            while !lock.withLock({ stopRequested }) {
                var due = Int(rate * (clock.now - start).seconds) - skipped
                if due - sent > backlogLimit {
                    skipped += due - sent
                    due = sent
                }
                while sent < due {
                    let metric = load.metric(firstIndex + sent)
                    try client.send(subject: metric.subject, content: [metric.frame])
                    sent += 1
                }
                _ = try client.receive(timeout: .milliseconds(1))
            }
        } catch {
            failure = "load publisher: \(error)"
        }
        let elapsed = clock.now - start
        lock.withLock { outcome = (sent, elapsed, failure) }
    }
}

/// A message handed from a thread to its starter.
final class FailureBox: @unchecked Sendable {
    // @unchecked: every access goes through `lock`.
    private let lock = NSLock()
    private var message: String?

    func set(_ message: String) { lock.withLock { self.message = message } }
    func get() -> String? { lock.withLock { message } }
}
