import AlertEngine
import Foundation
import FtyProto
import Logging
import MalamuteBroker
import MalamuteClient
import TestSupport
import Testing

/// A broker on a fresh endpoint, an engine server on a scratch rules directory, and the test
/// clients that talk to it: a requester for the `fty-alert-engine` mailbox, a consumer of
/// `_ALERTS_SYS` and a producer of METRICS.
final class ServerHarness {
    let endpoint = uniqueEndpoint("server")
    let rulesDirectory: String
    let shmDirectory: String
    let broker: MalamuteBroker
    let server: EngineServer
    let requester: MalamuteClient
    let alerts: MalamuteClient
    let metrics: MalamuteClient
    private var trackerCount = 0

    static let quietLogger: Logger = {
        var logger = Logger(label: "engine-server-test")
        logger.logLevel = .critical
        return logger
    }()

    /// A scratch directory under /tmp, unique to this harness.
    static func scratchDirectory(_ label: String) -> String {
        let path = NSTemporaryDirectory() + "engine-server-\(label)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Starts everything; `files` are written into the rules directory before start-up.
    init(
        files: [String: String] = [:], shmPollInterval: Duration? = nil, purgeInterval: Duration = .seconds(5)
    ) throws {
        rulesDirectory = Self.scratchDirectory("rules")
        shmDirectory = Self.scratchDirectory("shm")
        for (name, text) in files {
            try Data(text.utf8).write(to: URL(fileURLWithPath: rulesDirectory + "/" + name))
        }
        broker = try MalamuteBroker(configuration: BrokerConfiguration(endpoints: [endpoint]), logger: Self.quietLogger)
        server = EngineServer(
            configuration: EngineConfiguration(
                endpoint: endpoint, rulesDirectory: rulesDirectory,
                shmDirectory: shmPollInterval == nil ? nil : shmDirectory,
                shmPollInterval: shmPollInterval ?? .seconds(30), metricPurgeInterval: purgeInterval,
                clientTimeout: .seconds(2)),
            logger: Self.quietLogger)
        try server.start()
        requester = MalamuteClient(configuration: ClientConfiguration(endpoint: endpoint, name: "requester"))
        try requester.connect()
        alerts = MalamuteClient(configuration: ClientConfiguration(endpoint: endpoint, name: "alert-consumer"))
        try alerts.connect()
        try alerts.setConsumer(stream: FtyStreams.alertsSys, pattern: ".*")
        metrics = MalamuteClient(configuration: ClientConfiguration(endpoint: endpoint, name: "metric-producer"))
        try metrics.connect()
        try metrics.setProducer(stream: FtyStreams.metrics)
    }

    deinit {
        requester.close()
        alerts.close()
        metrics.close()
        server.stop()
        broker.stop()
        try? FileManager.default.removeItem(atPath: rulesDirectory)
        try? FileManager.default.removeItem(atPath: shmDirectory)
    }

    // MARK: Mailbox

    /// Sends `frames` to `fty-alert-engine` (default subject `rfc-evaluator-rules`) without waiting.
    @discardableResult
    func send(_ frames: [String], subject: String = EngineNames.rulesSubject) throws -> String {
        trackerCount += 1
        let tracker = "tracker-\(trackerCount)"
        try requester.sendTo(address: EngineNames.mailboxClient, subject: subject, content: frames, tracker: tracker)
        return tracker
    }

    /// Sends a request and returns the reply delivery (nil when none comes within 5 s).
    func request(_ frames: [String]) throws -> MalamuteDelivery? {
        let tracker = try send(frames)
        let reply = try requester.receive(timeout: .seconds(5))
        if let reply, reply.trackerString != tracker {
            Issue.record("reply for \(reply.trackerString) while waiting for \(tracker)")
        }
        return reply
    }

    /// The reply frames as text.
    func reply(_ frames: String...) throws -> [String]? {
        try request(frames)?.contentStrings
    }

    /// Adds `json`, expecting OK.
    func add(_ json: String) throws {
        let reply = try reply("ADD", json)
        if reply?.first != "OK" { Issue.record("ADD failed: \(String(describing: reply))") }
    }

    // MARK: Metrics and alerts

    /// Publishes an fty_proto METRIC `<quantity>@<asset>` on METRICS.
    func publish(_ topic: String, _ value: String, ttl: UInt32 = 60, by producer: MalamuteClient? = nil) throws {
        let at = topic.firstIndex(of: "@")!
        let metric = FtyMetric(
            time: UInt64(Date().timeIntervalSince1970), ttl: ttl, type: String(topic[..<at]),
            name: String(topic[topic.index(after: at)...]), value: value, unit: "")
        try (producer ?? metrics).send(subject: topic, content: [try FtyProtoCodec.encode(metric)])
    }

    /// The next alert on `_ALERTS_SYS` with its subject, nil after `timeout`.
    func nextAlert(timeout: Duration = .seconds(5)) throws -> (subject: String, alert: FtyAlert)? {
        guard let delivery = try alerts.receive(timeout: timeout) else { return nil }
        guard case .alert(let alert) = try FtyProtoCodec.decode(delivery.content) else {
            Issue.record("not an ALERT on _ALERTS_SYS: \(delivery.subjectString)")
            return nil
        }
        return (delivery.subjectString, alert)
    }

    /// The subjects of the next `count` alerts.
    func nextSubjects(_ count: Int) throws -> [String] {
        var subjects: [String] = []
        for _ in 0..<count {
            guard let next = try nextAlert() else { break }
            subjects.append(next.subject)
        }
        return subjects
    }

    // MARK: Files

    func path(_ file: String) -> String { rulesDirectory + "/" + file }

    func fileNames() throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: rulesDirectory))
    }
}

/// Reference rules of `shared/reference/rules`.
enum ReferenceRule {
    static func text(_ file: String) throws -> String {
        try String(
            contentsOf: Fixtures.shared.appendingPathComponent("reference/rules").appendingPathComponent(file),
            encoding: .utf8)
    }
}

/// A simple threshold on `topic` (engine.md §6.1): critical above 60, warning above 50.
func simpleRule(_ name: String, target: String, element: String, ruleClass: String = "") -> String {
    """
    {"threshold": {"rule_name": "\(name)", "target": "\(target)", "element": "\(element)", "rule_class": "\(ruleClass)",
     "values": [{"high_warning": "50"}, {"high_critical": "60"}],
     "results": [{"high_warning": {"action": ["EMAIL"], "description": "warm"}},
                 {"high_critical": {"action": ["EMAIL", "SMS"], "description": "hot"}}]}}
    """
}
