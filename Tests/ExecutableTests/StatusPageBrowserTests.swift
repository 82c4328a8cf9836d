import Foundation
import FtyProto
import MalamuteClient
import TestSupport
import Testing

/// The status page in a real browser (Debian's `chromium`, headless): the DOM lists an alert
/// raised on the bus a moment before, its timeline draws, and a screenshot is taken (into the
/// scratch directory, never into the repository).
@Suite struct StatusPageBrowserTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    /// `chromium --headless` with `arguments` and the URL; returns what it printed.
    static func browse(_ url: String, _ arguments: [String], directory: String) throws -> String {
        let browser = try ChildProcess(
            try #require(chromium, "chromium is not installed"),
            ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
             "--user-data-dir=\(directory)/chromium-profile", "--virtual-time-budget=2000"] + arguments + [url],
            log: directory + "/chromium-\(UUID().uuidString.prefix(6)).out")
        let (status, output) = browser.finish()
        #expect(status == 0, "chromium failed: \(output.suffix(2000))")
        return output
    }

    @Test func theBrowserShowsAnAlertRaisedOnTheBusAMomentBefore() throws {
        try #require(Self.chromium != nil, "chromium is not installed")
        let agent = try HTTPAgent.start("browser")
        defer { agent.stop() }
        let requester = try connectedClient(agent.endpoint, "requester")
        defer { requester.close() }
        #expect(try awaitEngine(requester))
        try requester.sendTo(
            address: "fty-alert-engine", subject: "rfc-evaluator-rules", content: ["ADD", EngineEndToEndTests.rule("rack-7")])
        #expect(try requester.receive(timeout: .seconds(5))?.contentStrings.first == "OK")
        let producer = try connectedClient(agent.endpoint, "producer")
        defer { producer.close() }
        try producer.setProducer(stream: "METRICS")
        try producer.send(
            subject: "load@rack-7",
            content: [try EngineEndToEndTests.metricFrame(quantity: "load", asset: "rack-7", value: "97", ttl: 300)])
        #expect(eventually(timeout: .seconds(10)) {
            let alerts = (try? agent.json("/api/v1/alerts")["alerts"] as? [[String: Any]]) ?? []
            return alerts.contains { $0["rule"] as? String == "rack-7" }
        })

        let dom = try Self.browse("http://127.0.0.1:\(agent.port)/", ["--dump-dom"], directory: agent.directory)
        #expect(dom.contains(#"<table id="active-alerts">"#))
        #expect(dom.contains(#"data-rule="rack-7" data-element="rack-7""#))
        #expect(dom.contains("overload of rack-7"))
        #expect(dom.contains(#"class="alert sev-critical""#))

        let timeline = try Self.browse(
            "http://127.0.0.1:\(agent.port)/?rule=rack-7&element=rack-7&range=24h", ["--dump-dom"], directory: agent.directory)
        #expect(timeline.contains(#"id="timeline""#))
        #expect(timeline.contains(#"class="band critical""#))

        let screenshot = agent.directory + "/status.png"
        _ = try Self.browse(
            "http://127.0.0.1:\(agent.port)/?rule=rack-7&element=rack-7&range=24h",
            ["--screenshot=\(screenshot)", "--window-size=1280,800", "--hide-scrollbars"], directory: agent.directory)
        let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
        #expect(png.count > 1000)
        #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        if let keep = ProcessInfo.processInfo.environment["FTY_KEEP_SCREENSHOT"] {
            try? png.write(to: URL(fileURLWithPath: keep))
        }
    }
}
