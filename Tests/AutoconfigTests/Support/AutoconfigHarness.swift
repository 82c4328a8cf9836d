import AlertEngine
import Autoconfig
import Foundation
import FtyProto
import Logging
import MalamuteBroker
import MalamuteClient
import TestSupport
import Testing

/// A broker on a fresh endpoint, an autoconfig server with short timer periods, a producer of
/// ASSETS and a requester for the `fty-autoconfig` mailbox. The engine side is either two stub
/// peers (`fty-alert-engine`, `fty-alert-flexible`) or a real ``EngineServer``.
final class AutoconfigHarness {
    static let periods = GenerationPeriods(
        initial: .milliseconds(100), pending: .milliseconds(200), retry: .milliseconds(1000))

    let endpoint = uniqueEndpoint("autoconfig")
    let rulesDirectory: String
    let templatesDirectory: String
    let broker: MalamuteBroker
    let log = CapturedLog()
    let assetView = AssetInfoView()
    private(set) var server: AutoconfigServer?
    let producer: MalamuteClient
    let requester: MalamuteClient
    private var ownsTemplates: Bool
    private var trackerCount = 0

    static let quietLogger: Logger = {
        var logger = Logger(label: "autoconfig-test-broker")
        logger.logLevel = .critical
        return logger
    }()

    static func scratchDirectory(_ label: String) -> String {
        let path = NSTemporaryDirectory() + "autoconfig-\(label)-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Starts the broker and the clients; `extraTemplates` are written beside copies of the
    /// reference templates (else the reference directory is used as it is).
    init(rulesDirectory: String? = nil, extraTemplates: [String: String] = [:], startServer: Bool = true) throws {
        self.rulesDirectory = rulesDirectory ?? Self.scratchDirectory("rules")
        if extraTemplates.isEmpty {
            templatesDirectory = ReferenceTemplates.directory
            ownsTemplates = false
        } else {
            templatesDirectory = Self.scratchDirectory("templates")
            ownsTemplates = true
            for template in ReferenceTemplates.all {
                try Data(template.contents).write(to: URL(fileURLWithPath: templatesDirectory + "/" + template.fileName))
            }
            for (name, text) in extraTemplates {
                try Data(text.utf8).write(to: URL(fileURLWithPath: templatesDirectory + "/" + name))
            }
        }
        broker = try MalamuteBroker(configuration: BrokerConfiguration(endpoints: [endpoint]), logger: Self.quietLogger)
        producer = MalamuteClient(configuration: ClientConfiguration(endpoint: endpoint, name: "asset-agent"))
        try producer.connect()
        try producer.setProducer(stream: FtyStreams.assets)
        requester = MalamuteClient(configuration: ClientConfiguration(endpoint: endpoint, name: "requester"))
        try requester.connect()
        if startServer { try start() }
    }

    var configuration: AutoconfigConfiguration {
        AutoconfigConfiguration(
            endpoint: endpoint, rulesDirectory: rulesDirectory, templatesDirectory: templatesDirectory,
            periods: Self.periods, clientTimeout: .seconds(2), stateSaveDelay: .milliseconds(50),
            assetView: assetView)
    }

    /// Starts (again) an autoconfig server.
    func start() throws {
        let server = AutoconfigServer(configuration: configuration, logger: log.logger)
        try server.start()
        self.server = server
    }

    /// Stops the autoconfig server (its state is written).
    func stopServer() {
        server?.stop()
        server = nil
    }

    deinit {
        producer.close()
        requester.close()
        server?.stop()
        broker.stop()
        try? FileManager.default.removeItem(atPath: rulesDirectory)
        if ownsTemplates { try? FileManager.default.removeItem(atPath: templatesDirectory) }
    }

    /// Publishes an ASSET on ASSETS with the subject fty-asset uses (`<type>.<subtype>@<name>`).
    func publish(_ asset: FtyAsset) throws {
        let subject = "\(asset.aux["type"] ?? "").\(asset.aux["subtype"] ?? "")@\(asset.name)"
        try producer.send(subject: subject, content: [try FtyProtoCodec.encode(asset)])
    }

    /// Sends `frames` to `fty-autoconfig` and returns the tracker used.
    @discardableResult
    func send(_ frames: [String], subject: String = "whatever") throws -> String {
        trackerCount += 1
        let tracker = "tracker-\(trackerCount)"
        try requester.sendTo(address: AutoconfigNames.client, subject: subject, content: frames, tracker: tracker)
        return tracker
    }

    /// Sends a LIST request and returns the reply (nil when none comes within 5 s).
    func list(_ frames: [String]) throws -> MalamuteDelivery? {
        let tracker = try send(frames)
        let reply = try requester.receive(timeout: .seconds(5))
        if let reply, reply.trackerString != tracker {
            Issue.record("reply for \(reply.trackerString) while waiting for \(tracker)")
        }
        return reply
    }
}
