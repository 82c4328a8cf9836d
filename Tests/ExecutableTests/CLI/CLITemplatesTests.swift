import Foundation
import TestSupport
import Testing

/// `fty-alert-engine templates list` against a stand-in autoconfig (engine.md §11.7).
@Suite struct CLITemplatesTests {
    static let templates = [
        FakeAutoconfig.Template(
            name: "load.default@__device_ups__.rule", content: #"{"threshold": {"rule_cat": ["CAT_POWER"]}}"#,
            devices: "ups-1,ups-2"),
        FakeAutoconfig.Template(
            name: "average.humidity@__rack__.rule", content: #"{"threshold": {"rule_cat": ["CAT_ENVIRONMENTAL"]}}"#,
            devices: ""),
    ]

    @Test func listShowsEveryTemplateAndItsDevicesAndFilters() throws {
        let endpoint = uniqueEndpoint("cli-templates")
        let broker = try EngineProcess(["broker", "--endpoint", endpoint])
        defer {
            broker.send(SIGTERM)
            _ = broker.waitForExit(timeout: .seconds(2))
        }
        let autoconfig = FakeAutoconfig(endpoint: endpoint, templates: Self.templates)
        defer { autoconfig.stop() }

        let all = try CLIProcess.run(["templates", "list", "--endpoint", endpoint])
        #expect(all.status == 0, "\(all)")
        #expect(all.lines == ["average.humidity@__rack__.rule", "load.default@__device_ups__.rule  ups-1,ups-2"])

        let power = try CLIProcess.run(["templates", "list", "CAT_POWER", "--json", "--endpoint", endpoint])
        #expect(power.status == 0, "\(power)")
        let objects = try #require(try power.json() as? [[String: Any]])
        #expect(objects.count == 1)
        #expect(objects.first?["name"] as? String == "load.default@__device_ups__.rule")
        #expect(objects.first?["devices"] as? [String] == ["ups-1", "ups-2"])
        #expect(objects.first?["content"] as? String == Self.templates[0].content)

        let none = try CLIProcess.run(["templates", "list", "CAT_NOTHING", "--endpoint", endpoint])
        #expect(none.status == 0 && none.lines == ["no templates"], "\(none)")
    }

    @Test func noAutoconfigIsExitTwoNamingIt() throws {
        let endpoint = uniqueEndpoint("cli-no-autoconfig")
        let broker = try EngineProcess(["broker", "--endpoint", endpoint])
        defer {
            broker.send(SIGTERM)
            _ = broker.waitForExit(timeout: .seconds(2))
        }
        try connectedClient(endpoint, "probe").close()
        let result = try CLIProcess.run(["templates", "list", "--endpoint", endpoint, "--timeout", "0.3"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stderr.contains("no answer from fty-autoconfig at \(endpoint)"))
    }
}
