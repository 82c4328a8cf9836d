import AlertActions
import Foundation
import FtyProto
import Logging
import MalamuteBroker
import MalamuteClient
import TestSupport
import Testing

/// A broker on a fresh endpoint, the alert-actions server on a virtual clock, fake `fty-email`,
/// `fty-sensor-gpio` and `asset-agent`, and producers of the assets and alerts streams.
final class ActionsHarness {
    let endpoint = uniqueEndpoint("actions")
    let clock = ManualClock()
    let log = CapturedLog()
    let broker: MalamuteBroker
    let assetAgent: FakeAssetAgent
    let email: FakeAgent
    let gpio: FakeAgent
    let assets: MalamuteClient
    let alerts: MalamuteClient
    let server: AlertActionsServer
    let configuration: AlertActionsConfiguration

    /// The asset and GPO of the probe alert ``settle()`` raises and resolves.
    static let probeAsset = Samples.asset("probe-asset", priority: "1")
    static let probeActions = ["GPO_INTERACTION:probe-gpo:open"]

    static let quietLogger: Logger = {
        var logger = Logger(label: "actions-test")
        logger.logLevel = .critical
        return logger
    }()

    init(
        assetsStream: String = "ASSETS", alertsStream: String = "ALERTS", replyTimeout: Duration = .seconds(2),
        notificationInterval: Duration? = nil, emailAnswer: FakeAgent.Answer = .ok,
        knownAssets: [FtyAsset] = []
    ) throws {
        broker = try MalamuteBroker(configuration: BrokerConfiguration(endpoints: [endpoint]), logger: Self.quietLogger)
        configuration = AlertActionsConfiguration(
            endpoint: endpoint, assetsStream: assetsStream, alertsStream: alertsStream,
            wakePeriod: .milliseconds(5), notificationInterval: notificationInterval, replyTimeout: replyTimeout,
            clientTimeout: .seconds(2), clock: clock)
        assetAgent = try FakeAssetAgent(endpoint: endpoint, assetsStream: assetsStream)
        for asset in knownAssets { assetAgent.know(asset) }
        email = try FakeAgent(endpoint: endpoint, name: configuration.emailAgent, answer: emailAnswer)
        gpio = try FakeAgent(endpoint: endpoint, name: configuration.gpioAgent)
        assets = MalamuteClient(configuration: ClientConfiguration(endpoint: endpoint, name: "asset-publisher"))
        try assets.connect()
        try assets.setProducer(stream: assetsStream)
        alerts = MalamuteClient(configuration: ClientConfiguration(endpoint: endpoint, name: "fty-alert-list"))
        try alerts.connect()
        try alerts.setProducer(stream: alertsStream)
        server = AlertActionsServer(configuration: configuration, logger: log.logger)
        try server.start()
        assetAgent.know(Self.probeAsset)
    }

    deinit {
        server.stop()
        assetAgent.stop()
        email.client.close()
        gpio.client.close()
        assets.close()
        alerts.close()
        broker.stop()
    }

    // MARK: Publishing

    /// Publishes `asset` on the assets stream; the fake asset agent knows it from now on.
    func publish(_ asset: FtyAsset) throws {
        assetAgent.know(asset)
        try assets.send(subject: "device@\(asset.name)", content: [try FtyProtoCodec.encode(asset)])
    }

    /// Publishes `alert` on the alerts stream; returns its frame.
    @discardableResult
    func publish(_ alert: FtyAlert) throws -> [UInt8] {
        let frame = try FtyProtoCodec.encode(alert)
        try alerts.send(subject: "\(alert.rule)/\(alert.severity)@\(alert.name)", content: [frame])
        return frame
    }

    /// Publishes raw frames on the alerts stream.
    func publishRaw(_ content: [[UInt8]], subject: String = "garbage") throws {
        try alerts.send(subject: subject, content: content)
    }

    // MARK: Waiting

    /// Returns once the actor has handled everything published before and has run its timers at
    /// the current virtual time: a probe alert is raised and resolved, and each step is seen as
    /// a GPO request (the actor does one thing at a time, its timers after each message).
    func settle() throws {
        var probe = Samples.alert("probe", asset: Self.probeAsset.name, actions: Self.probeActions, ttl: 86_400)
        try publish(probe)
        try expectProbe("open")
        probe.state = "RESOLVED"
        try publish(probe)
        try expectProbe("close")
    }

    private func expectProbe(_ state: String) throws {
        while true {
            guard let request = try gpio.next() else {
                Issue.record("the actor did not handle the probe alert (\(state))")
                return
            }
            let frames = request.contentStrings
            if frames.count == 3, frames[1] == "probe-gpo", frames[2] == state { return }
            Issue.record("unexpected GPO request while settling: \(frames)")
        }
    }

    /// Moves the virtual clock, then waits until the actor's timers have seen the new time.
    func advance(by milliseconds: UInt64) throws {
        clock.advance(by: milliseconds)
        try settle()
    }
}

/// A correlation id as the original writes it: canonical lower-case UUID.
func isLowercaseUUID(_ text: String) -> Bool {
    guard text.count == 36, UUID(uuidString: text) != nil else { return false }
    return text == text.lowercased()
}
