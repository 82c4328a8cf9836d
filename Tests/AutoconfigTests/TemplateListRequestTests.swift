import Autoconfig
import Testing

/// LIST templates (engine.md §11.7) without sockets: parsing, filter and device lists.
@Suite struct TemplateListRequestTests {
    static func frames(_ strings: String...) -> [[UInt8]] { strings.map { Array($0.utf8) } }

    static let devices: [String: DeviceEntry] = [
        "ups-1": DeviceEntry(type: "device", subtype: "ups", attributes: ["phases.input": "1", "phases.output": "1"]),
        "ups-3": DeviceEntry(type: "device", subtype: "ups", attributes: ["phases.input": "3", "phases.output": "3"]),
        "ups-0": DeviceEntry(type: "device", subtype: "ups"),
        "epdu-1": DeviceEntry(type: "device", subtype: "epdu", attributes: ["phases.input": "3"]),
        "rack-1": DeviceEntry(type: "rack"),
        "sensor-1": DeviceEntry(type: "device", subtype: "sensorgpio", attributes: ["model": "DCS001"]),
        "sensor-2": DeviceEntry(type: "device", subtype: "sensorgpio"),
    ]

    /// name → (content, devices) of a reply.
    static func triplets(_ reply: [[UInt8]]) -> [String: (content: [UInt8], devices: String)] {
        var result: [String: (content: [UInt8], devices: String)] = [:]
        var index = 3
        while index + 2 < reply.count {
            result[String(decoding: reply[index], as: UTF8.self)] = (
                reply[index + 1], String(decoding: reply[index + 2], as: UTF8.self)
            )
            index += 3
        }
        return result
    }

    @Test func parsesCorrelationIDAndFilter() throws {
        let plain = try TemplateListRequest(frames: Self.frames("LIST", "uuid-1"))
        #expect(plain.correlationID == Array("uuid-1".utf8) && plain.filter == "all")
        let filtered = try TemplateListRequest(frames: Self.frames("LIST", "uuid-2", "CAT_POWER", "extra"))
        #expect(filtered.filter == "CAT_POWER")
    }

    @Test func refusesWhatIsNotAListRequest() {
        #expect(throws: TemplateListRequest.Refusal.missingCorrelationID) {
            try TemplateListRequest(frames: Self.frames("LIST"))
        }
        #expect(throws: TemplateListRequest.Refusal.notList(command: "GET")) {
            try TemplateListRequest(frames: Self.frames("GET", "x"))
        }
        #expect(throws: TemplateListRequest.Refusal.notList(command: nil)) { try TemplateListRequest(frames: []) }
        #expect(throws: TemplateListRequest.Refusal.notList(command: "list")) {
            try TemplateListRequest(frames: Self.frames("list", "x"))
        }
    }

    @Test func allListsEveryFileWithItsExactBytes() throws {
        let request = try TemplateListRequest(frames: Self.frames("LIST", "id-7"))
        let reply = request.reply(templates: ReferenceTemplates.all, devices: [:])
        #expect(reply.prefix(3) == Self.frames("id-7", "LIST", "all")[...])
        #expect(reply.count == 3 + 3 * 46)
        let triplets = Self.triplets(reply)
        for template in ReferenceTemplates.all {
            #expect(triplets[template.fileName]?.content == template.contents)
            #expect(triplets[template.fileName]?.devices == "")
        }
    }

    @Test func aFilterIsAPlainSubstringOfTheContent() throws {
        let request = try TemplateListRequest(frames: Self.frames("LIST", "id", "CAT_GPIO"))
        let names = Set(Self.triplets(request.reply(templates: ReferenceTemplates.all, devices: [:])).keys)
        #expect(names.count == 7 && names.allSatisfy { $0.contains("sensorgpio") })
        // Not a regex: `.` matches only a dot.
        let dots = try TemplateListRequest(frames: Self.frames("LIST", "id", "status.u.s"))
        #expect(dots.reply(templates: ReferenceTemplates.all, devices: [:]).count == 3)
        let nothing = try TemplateListRequest(frames: Self.frames("LIST", "id", "no such text"))
        #expect(nothing.reply(templates: ReferenceTemplates.all, devices: [:]) == Self.frames("id", "LIST", "no such text"))
    }

    @Test func deviceListsFollowTypeNamesModelsAndXphase() throws {
        let request = try TemplateListRequest(frames: Self.frames("LIST", "id"))
        let triplets = Self.triplets(request.reply(templates: ReferenceTemplates.all, devices: Self.devices))
        func devices(_ file: String) -> String? { triplets[file]?.devices }
        #expect(devices("onbattery@__device_ups__.rule") == "ups-0,ups-1,ups-3")
        // Xphase with the device's attributes; no attribute map entry means refused.
        #expect(devices("voltage.input_1phase@__device_ups__.rule") == "ups-1")
        #expect(devices("voltage.input_3phase@__device_ups__.rule") == "ups-3")
        #expect(devices("phase_imbalance@__device_ups__.rule") == "ups-3")
        #expect(devices("phase_imbalance@__device_epdu__.rule") == "epdu-1")
        #expect(devices("load.input_1phase@__device_epdu__.rule") == "")
        // Rack phase imbalance looks at metrics only.
        #expect(devices("phase_imbalance@__rack__.rule") == "")
        #expect(devices("average.humidity@__rack__.rule") == "rack-1")
        // Models: a sensor with a model only under templates naming it; one without under all.
        #expect(devices("door-contact.state-change@__device_sensorgpio__.rule") == "sensor-1,sensor-2")
        #expect(devices("smoke-detector.state-change@__device_sensorgpio__.rule") == "sensor-2")
        #expect(devices("humidity.default@__device_sensor__.rule") == "")
    }

    @Test func rackPhaseImbalanceIsListedWhenItsMetricsExist() throws {
        let request = try TemplateListRequest(frames: Self.frames("LIST", "id", "Phase imbalance in rack"))
        let present: Set<String> = ["realpower.output.L1@rack-1", "realpower.output.L2@rack-1", "realpower.output.L3@rack-1"]
        let reply = request.reply(templates: ReferenceTemplates.all, devices: Self.devices, metricPresent: present.contains)
        #expect(Self.triplets(reply)["phase_imbalance@__rack__.rule"]?.devices == "rack-1")
    }
}
