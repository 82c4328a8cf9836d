import FtyProto
import MalamuteClient

/// Workload 2: from a metric crossing a threshold to its ALERT at a consumer, under load.
///
/// A paced publisher sends the load at `loadRate` meanwhile. The prober flips the latency
/// probe rule (raise, resolve, …), so every crossing is a state change published at once
/// (decisions.md D2), and times each send to the matching ALERT. It waits 1 ms between
/// crossings; the first `warmUp` crossings are not timed.
struct LatencyWorkload {
    struct Result {
        let samples: LatencySamples
        let loadRate: Double
    }

    let endpoint: String
    let load: MetricLoad
    let loadRate: Double
    let crossings: Int
    var warmUp = 50

    func run() throws -> Result {
        let probe = BenchRuleSet.latencyProbe
        let prober = MalamuteClient(configuration: ClientConfiguration(endpoint: endpoint, name: "bench-prober"))
        defer { prober.close() }
        try prober.connect()
        try prober.setProducer(stream: FtyStreams.metrics)
        try prober.setConsumer(stream: FtyStreams.alertsSys, pattern: probe.alertPattern)
        let raiseFrame = try MetricLoad.probeFrame(probe, raised: true)
        let resolveFrame = try MetricLoad.probeFrame(probe, raised: false)

        let publisher = PacedPublisher(endpoint: endpoint, load: load, rate: loadRate, firstIndex: 0)
        try publisher.start()
        let clock = ContinuousClock()
        var micros: [Double] = []
        micros.reserveCapacity(crossings)
        var raised = true
        do {
            for crossing in 0..<(warmUp + crossings) {
                let subject = probe.alertSubject(raised: raised)
                let start = clock.now
                try prober.send(subject: probe.topic, content: [raised ? raiseFrame : resolveFrame])
                try awaitAlert(subject, on: prober)
                let elapsed = clock.now - start
                if crossing >= warmUp { micros.append(elapsed.seconds * 1e6) }
                raised.toggle()
                _ = try prober.receive(timeout: .milliseconds(1))
            }
        } catch {
            _ = try? publisher.stop()
            throw error
        }
        let achieved = try publisher.stop()
        return Result(samples: LatencySamples(micros: micros), loadRate: achieved)
    }

    func awaitAlert(_ subject: String, on client: MalamuteClient) throws {
        let clock = ContinuousClock()
        let end = clock.now + .seconds(10)
        while true {
            let left = end - clock.now
            guard left > .zero, let delivery = try client.receive(timeout: left) else {
                throw BenchmarkError("no ALERT \(subject) within 10 s of its crossing")
            }
            if delivery.kind == .stream, delivery.subjectString == subject { return }
        }
    }
}
