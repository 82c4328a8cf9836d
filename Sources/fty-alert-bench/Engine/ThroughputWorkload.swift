import FtyProto
import MalamuteClient

/// Workload 1: metrics evaluated per second with the full rule set loaded.
///
/// One publisher sends the load in windows, each followed by a sentinel metric that flips the
/// sentinel rule (raise, resolve, raise …). Metrics of one stream are evaluated in order
/// (decisions.md D1), so the sentinel's ALERT means the engine has evaluated its whole window.
/// At most two windows are in flight, which keeps the engine busy without letting the
/// publisher run ahead unboundedly. One untimed round over every topic comes first, so that
/// first-seen RESOLVED publications and Lua warm-up are not in the figure.
struct ThroughputWorkload {
    struct Result {
        let metrics: Int
        let elapsed: Duration
        var perSecond: Double { Double(metrics) / elapsed.seconds }
    }

    let endpoint: String
    let load: MetricLoad
    let metrics: Int
    let window: Int
    /// How long to wait for a sentinel's ALERT before giving up.
    var stallTimeout: Duration = .seconds(60)

    func run() throws -> Result {
        let client = MalamuteClient(configuration: ClientConfiguration(endpoint: endpoint, name: "bench-publisher"))
        defer { client.close() }
        try client.connect()
        try client.setProducer(stream: FtyStreams.metrics)
        let sentinel = BenchRuleSet.sentinel
        try client.setConsumer(stream: FtyStreams.alertsSys, pattern: sentinel.alertPattern)
        var flips = SentinelFlips(client: client, rule: sentinel, timeout: stallTimeout)
        try flips.prepare()

        // Warm-up: every topic once.
        for index in 0..<load.subjects.count { try publish(load.metric(index), with: client) }
        try flips.send()
        try flips.awaitOldest()

        let clock = ContinuousClock()
        let start = clock.now
        var sent = 0, sentinels = 0
        var index = load.subjects.count
        while sent < metrics {
            let count = min(window, metrics - sent)
            for _ in 0..<count {
                try publish(load.metric(index), with: client)
                index += 1
            }
            sent += count
            try flips.send()
            sentinels += 1
            if flips.inFlight > 1 { try flips.awaitOldest() }
        }
        while flips.inFlight > 0 { try flips.awaitOldest() }
        // The sentinels are evaluated metrics too.
        return Result(metrics: metrics + sentinels, elapsed: clock.now - start)
    }

    func publish(_ metric: MetricLoad.Metric, with client: MalamuteClient) throws {
        try client.send(subject: metric.subject, content: [metric.frame])
    }
}

/// The sentinel metrics in flight and the ALERTs that acknowledge them, in order.
struct SentinelFlips {
    let client: MalamuteClient
    let rule: ProbeRule
    let timeout: Duration
    var raisedFrame: [UInt8] = []
    var resolvedFrame: [UInt8] = []
    /// Expected alert subjects of the sentinels sent and not yet acknowledged, oldest first.
    var expected: [String] = []
    var nextRaises = true

    init(client: MalamuteClient, rule: ProbeRule, timeout: Duration) {
        self.client = client
        self.rule = rule
        self.timeout = timeout
    }

    var inFlight: Int { expected.count }

    mutating func prepare() throws {
        raisedFrame = try MetricLoad.probeFrame(rule, raised: true)
        resolvedFrame = try MetricLoad.probeFrame(rule, raised: false)
    }

    mutating func send() throws {
        try client.send(subject: rule.topic, content: [nextRaises ? raisedFrame : resolvedFrame])
        expected.append(rule.alertSubject(raised: nextRaises))
        nextRaises.toggle()
    }

    /// Waits for the ALERT of the oldest sentinel in flight.
    mutating func awaitOldest() throws {
        let clock = ContinuousClock()
        let end = clock.now + timeout
        let subject = expected.removeFirst()
        while true {
            let left = end - clock.now
            guard left > .zero, let delivery = try client.receive(timeout: left) else {
                throw BenchmarkError(
                    "no ALERT \(subject) within \(timeout): the engine lost metrics, or does not publish")
            }
            guard delivery.kind == .stream, delivery.subjectString == subject else { continue }
            return
        }
    }
}

extension Duration {
    /// The duration in seconds, as a double.
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
