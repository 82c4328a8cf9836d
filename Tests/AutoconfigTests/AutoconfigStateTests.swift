import Autoconfig
import FtyProto
import Testing

/// The autoconfig core without sockets: asset cache (engine.md §11.2), timer (§11.4) and
/// generation pass (§11.5), with time passed in as milliseconds.
@Suite struct AutoconfigStateTests {
    typealias Index = TemplateIndex
    static let periods = GenerationPeriods.standard

    static func names(_ pass: GenerationPass) -> [String] {
        pass.rules.map { String(decoding: $0.text, as: UTF8.self) }.map(ruleName)
    }

    /// The rule name in a generated text (engine rules: `rule_name`, flexible: `name`).
    static func ruleName(_ text: String) -> String {
        Template(fileName: "", contents: Array(text.utf8)).ruleNameSource
    }

    // MARK: Asset cache (§11.2)

    @Test func anActiveCreateIsStoredUnconfigured() {
        var state = AutoconfigState(now: 0)
        let asset = Index.asset("ups-1", type: "device", subtype: "ups", ext: ["name": "UPS 1", "update_ts": "42"])
        #expect(state.handle(asset) == .stored)
        #expect(
            state.devices["ups-1"]
                == DeviceEntry(
                    type: "device", subtype: "ups", operation: "create", updateTimestamp: "42",
                    attributes: ["name": "UPS 1", "update_ts": "42"]))
        #expect(AssetOutcome.stored.actions(asset: "ups-1") == [.saveState])
    }

    @Test func theFirstIdenticalUpdateAfterACreateIsNotIgnoredTheSecondIs() {
        var state = AutoconfigState(now: 0)
        _ = state.handle(Index.asset("ups-1", type: "device", subtype: "ups"))
        let update = Index.asset("ups-1", type: "device", subtype: "ups", operation: "update")
        #expect(state.handle(update) == .stored)
        #expect(state.devices["ups-1"]?.operation == "update")
        #expect(state.handle(update) == .ignored(.unchanged))
    }

    @Test(arguments: [
        TemplateIndex.asset("ups-1", type: "device", subtype: "epdu", operation: "update"),
        TemplateIndex.asset("ups-1", type: "rack", subtype: "ups", operation: "update"),
        TemplateIndex.asset("ups-1", type: "device", subtype: "ups", operation: "update", ext: ["name": "other"]),
        TemplateIndex.asset("ups-1", type: "device", subtype: "ups", operation: "update", ext: [:]),
        TemplateIndex.asset("ups-1", type: "device", subtype: "ups", operation: "update", status: "nonactive"),
    ])
    func anUpdateThatDiffersIsApplied(_ update: FtyAsset) {
        var state = AutoconfigState(now: 0)
        _ = state.handle(Index.asset("ups-1", type: "device", subtype: "ups", operation: "update"))
        _ = state.generate(templates: [], now: 5)
        #expect(state.handle(update) != .ignored(.unchanged))
    }

    @Test func anUnchangedUpdateKeepsTheConfiguredFlag() {
        var state = AutoconfigState(now: 0)
        let update = Index.asset("ups-1", type: "device", subtype: "ups", operation: "update")
        _ = state.handle(update)
        _ = state.generate(templates: ReferenceTemplates.all, now: 10)
        #expect(state.handle(update) == .ignored(.unchanged))
        #expect(state.devices["ups-1"]?.configured == true)
        #expect(state.generate(templates: ReferenceTemplates.all, now: 20).actions.isEmpty)
    }

    @Test func inventoryIsIgnoredEntirely() {
        var state = AutoconfigState(now: 0)
        #expect(state.handle(Index.asset("rack-1", type: "rack", operation: "inventory")) == .ignored(.inventory))
        #expect(state.devices.isEmpty && state.containers.isEmpty)
    }

    @Test func anAssetWithoutTypeChangesNothing() {
        var state = AutoconfigState(now: 0)
        _ = state.handle(Index.asset("ups-1", type: "device", subtype: "ups"))
        var noType = FtyAsset(aux: ["status": "active"], name: "ups-1", operation: "delete")
        #expect(state.handle(noType) == .ignored(.noType))
        #expect(state.devices["ups-1"] != nil)  // not removed, no DELETE_ELEMENT
        noType.name = "thing-2"
        noType.operation = "create"
        #expect(state.handle(noType) == .ignored(.noType))
        #expect(state.devices["thing-2"] == nil)
        #expect(AssetOutcome.ignored(.noType).actions(asset: "x").isEmpty)
    }

    @Test func deleteRemovesAndSendsDeleteElement() {
        var state = AutoconfigState(now: 0)
        _ = state.handle(Index.asset("ups-1", type: "device", subtype: "ups"))
        let outcome = state.handle(Index.asset("ups-1", type: "device", subtype: "ups", operation: "delete"))
        #expect(outcome == .removed(sendsDeleteElement: true))
        #expect(outcome.actions(asset: "ups-1") == [.deleteElement("ups-1"), .saveState])
        #expect(state.devices["ups-1"] == nil)
    }

    @Test func aNonActiveAssetIsRemovedEvenIfNeverSeen() {
        var state = AutoconfigState(now: 0)
        let outcome = state.handle(Index.asset("epdu-1", type: "device", subtype: "epdu", status: "nonactive"))
        #expect(outcome == .removed(sendsDeleteElement: true))
        #expect(state.devices.isEmpty)
    }

    @Test(arguments: ["sensorgpio", "gpo"])
    func gpioRemovalsSendNoDeleteElement(_ subtype: String) {
        var state = AutoconfigState(now: 0)
        _ = state.handle(Index.asset("gpio-1", type: "device", subtype: subtype))
        let outcome = state.handle(Index.asset("gpio-1", type: "device", subtype: subtype, operation: "delete"))
        #expect(outcome == .removed(sendsDeleteElement: false))
        #expect(outcome.actions(asset: "gpio-1") == [.saveState])
        #expect(state.devices.isEmpty)
    }

    @Test func retireWhileActiveIsStoredButGeneratesNothing() {
        var state = AutoconfigState(now: 0)
        #expect(state.handle(Index.asset("ups-1", type: "device", subtype: "ups", operation: "retire")) == .stored)
        let pass = state.generate(templates: ReferenceTemplates.all, now: 100)
        #expect(pass.rules.isEmpty)
        #expect(pass.notGenerated == ["ups-1"])
        #expect(state.devices["ups-1"]?.configured == true)
        #expect(pass.actions == [.saveState])
    }

    @Test(arguments: ["datacenter", "room", "row", "rack"])
    func containersRememberTheirDisplayNameUntilDeleted(_ type: String) {
        var state = AutoconfigState(now: 0)
        _ = state.handle(Index.asset("c-1", type: type, ext: ["name": "Hall \"7\""]))
        #expect(state.containers["c-1"] == "Hall \"7\"")
        _ = state.handle(Index.asset("c-1", type: type, operation: "update", status: "nonactive"))
        #expect(state.containers["c-1"] == nil)
        _ = state.handle(Index.asset("c-1", type: type, ext: ["name": "Hall 8"]))
        _ = state.handle(Index.asset("c-1", type: type, operation: "delete"))
        #expect(state.containers["c-1"] == nil)
    }

    @Test func devicesAreNotContainers() {
        var state = AutoconfigState(now: 0)
        _ = state.handle(Index.asset("ups-1", type: "device", subtype: "ups", ext: ["name": "UPS"]))
        #expect(state.containers.isEmpty)
    }

    @Test func theFirstOfDuplicateExtKeysWins() {
        var state = AutoconfigState(now: 0)
        let ext = FtyHash([(key: "name", value: "first"), (key: "name", value: "second")])
        _ = state.handle(Index.asset("ups-1", type: "device", subtype: "ups", ext: ext))
        #expect(state.devices["ups-1"]?.attributes == ["name": "first"])
    }

    // MARK: Timer (§11.4)

    @Test func theFirstPassIsTwoSecondsAfterStart() {
        let state = AutoconfigState(now: 1000)
        #expect(state.deadline == 3000)
        #expect(!state.isDue(now: 2999))
        #expect(state.isDue(now: 3000))
    }

    @Test func anAssetMessageSetsTheFiveSecondDebounceRestartedByEveryMessage() {
        var state = AutoconfigState(now: 0)
        _ = state.handle(Index.asset("ups-1", type: "device", subtype: "ups"))
        state.restartTimer(now: 100)
        #expect(state.currentPeriod == .milliseconds(5000))
        #expect(state.deadline == 5100)
        state.restartTimer(now: 4000)  // any later message
        #expect(state.deadline == 9000)
        #expect(!state.isDue(now: 8999))
    }

    @Test func aMessageBeforeAnyAssetKeepsTheInitialPeriod() {
        var state = AutoconfigState(now: 0)
        state.restartTimer(now: 500)
        #expect(state.deadline == 2500)
    }

    @Test func noTimerOnceEverythingIsConfigured() {
        var state = AutoconfigState(now: 0)
        _ = state.handle(Index.asset("ups-1", type: "device", subtype: "ups"))
        _ = state.generate(templates: ReferenceTemplates.all, now: 5000)
        state.restartTimer(now: 5000)
        #expect(state.period == nil && state.deadline == nil)
        #expect(!state.isDue(now: .max))
    }

    @Test func aFailedSendIsRetriedAfterSixtySeconds() {
        var state = AutoconfigState(now: 0)
        _ = state.handle(Index.asset("ups-1", type: "device", subtype: "ups"))
        let pass = state.generate(templates: ReferenceTemplates.all, now: 5000)
        #expect(!pass.rules.isEmpty)
        state.recordFailedSend(asset: "ups-1")
        state.restartTimer(now: 5000)
        #expect(state.devices["ups-1"]?.configured == false)
        #expect(state.devices["ups-1"]?.date == 5000)
        #expect(state.deadline == 65000)
        // A new asset meanwhile brings the 5 s period back.
        _ = state.handle(Index.asset("ups-2", type: "device", subtype: "ups"))
        state.restartTimer(now: 6000)
        #expect(state.deadline == 11000)
        // The retry pass sends both again.
        let retry = state.generate(templates: ReferenceTemplates.all, now: 11000)
        #expect(Set(retry.rules.map(\.asset)) == ["ups-1", "ups-2"])
    }

    @Test func statesReadBackRegenerateOnlyUnconfiguredAssets() {
        var state = AutoconfigState(
            devices: [
                "ups-1": DeviceEntry(type: "device", subtype: "ups", configured: true, date: 7),
                "ups-2": DeviceEntry(type: "device", subtype: "ups", configured: false, date: 0),
            ],
            now: 0)
        let pass = state.generate(templates: ReferenceTemplates.all, now: 2000)
        #expect(Set(pass.rules.map(\.asset)) == ["ups-2"])
    }

    // MARK: Generation (§11.5)

    @Test(arguments: TemplateIndex.entries)
    func eachTypeGetsTheRulesOfTheTemplateIndex(_ entry: TemplateIndex.Entry) {
        var state = AutoconfigState(now: 0)
        _ = state.handle(Index.asset("asset-1", type: entry.type, subtype: entry.subtype))
        let pass = state.generate(templates: ReferenceTemplates.all, now: 5000)
        #expect(Self.names(pass).sorted() == entry.rules.map { $0 + "@asset-1" }.sorted())
        #expect(pass.rules.allSatisfy { $0.destination == entry.destination && $0.asset == "asset-1" })
        #expect(pass.actions.last == .saveState)
        #expect(state.devices["asset-1"].map { $0.configured && $0.date == 5000 } == true)
    }

    @Test func assetsWithoutTemplatesAreConfiguredAtOnce() {
        var state = AutoconfigState(now: 0)
        _ = state.handle(Index.asset("room-1", type: "room"))
        _ = state.handle(Index.asset("pdu-1", type: "device", subtype: "pdu"))
        let pass = state.generate(templates: ReferenceTemplates.all, now: 5000)
        #expect(pass.rules.isEmpty)
        #expect(pass.withoutTemplates == ["pdu-1", "room-1"])
        #expect(state.devices.values.allSatisfy { $0.configured })
    }

    @Test func assetsAreGeneratedInNameOrderAndTemplatesInFileOrder() {
        var state = AutoconfigState(now: 0)
        for name in ["row-b", "row-a", "row-c"] { _ = state.handle(Index.asset(name, type: "row")) }
        let pass = state.generate(templates: ReferenceTemplates.all, now: 5000)
        #expect(
            Self.names(pass) == [
                "average.humidity@row-a", "average.temperature@row-a", "average.humidity@row-b",
                "average.temperature@row-b", "average.humidity@row-c", "average.temperature@row-c",
            ])
    }

    @Test func fastTrackSkipsOnlyTheDatacenterRealpowerTemplate() {
        var state = AutoconfigState(now: 0)
        _ = state.handle(Index.asset("datacenter-1", type: "datacenter", ext: ["fast_track": "true"]))
        _ = state.handle(Index.asset("rack-1", type: "rack", ext: ["fast_track": "true"]))
        let names = Self.names(state.generate(templates: ReferenceTemplates.all, now: 5000))
        #expect(!names.contains("realpower.default@datacenter-1"))
        #expect(names.contains("realpower.default@rack-1"))
        #expect(names.filter { $0.hasSuffix("@datacenter-1") }.count == 3)
    }

    @Test func sensorGPIOTemplatesAreFilteredByModel() {
        var state = AutoconfigState(now: 0)
        _ = state.handle(
            Index.asset("sensor-7", type: "device", subtype: "sensorgpio", ext: ["model": "DCS001", "port": "3"]))
        _ = state.handle(Index.asset("sensor-8", type: "device", subtype: "sensorgpio", ext: ["model": "MZXE-alarm"]))
        _ = state.handle(Index.asset("sensor-9", type: "device", subtype: "sensorgpio", ext: ["model": "nothing"]))
        let pass = state.generate(templates: ReferenceTemplates.all, now: 5000)
        #expect(
            Self.names(pass) == [
                "door-contact.state-change@sensor-7", "fire-detector-extinguisher.state-change@sensor-8",
            ])
        #expect(String(decoding: pass.rules[0].text, as: UTF8.self).contains(#""metrics"       : ["status.GPI3"]"#))
        #expect(state.devices["sensor-9"]?.configured == true)  // nothing to send is success
    }

    @Test func aModelDoesNotFilterOtherSubtypes() {
        var state = AutoconfigState(now: 0)
        _ = state.handle(Index.asset("ups-1", type: "device", subtype: "ups", ext: ["model": "DCS001"]))
        #expect(state.generate(templates: ReferenceTemplates.all, now: 5000).rules.count == 12)
    }

    @Test func gpioTemplatesGetTheLogicalAssetsDisplayName() {
        var state = AutoconfigState(now: 0)
        _ = state.handle(Index.asset("rack-4", type: "rack", ext: ["name": "Rack \"4\""]))
        _ = state.handle(
            Index.asset(
                "sensor-1", type: "device", subtype: "sensorgpio",
                ext: [
                    "model": "DCS001", "logical_asset": "rack-4", "alarm_severity": "CRITICAL",
                    "normal_state": "closed",
                ]))
        let rule = state.generate(templates: ReferenceTemplates.all, now: 5000).rules.first { $0.asset == "sensor-1" }
        let text = rule.map { String(decoding: $0.text, as: UTF8.self) } ?? ""
        #expect(text.contains(#""logical_asset" : "rack-4""#))
        #expect(text.contains(#"Rack \"4\""#))
        #expect(text.contains(#""high_critical"   : { "action" : [ ] }"#))
        #expect(text.contains("return CRITICAL, string.format"))
        #expect(text.contains("if current_state == 'closed' then"))
    }

    @Test func onlyRuleFilesAreUsed() {
        var state = AutoconfigState(now: 0)
        _ = state.handle(Index.asset("ups-1", type: "device", subtype: "ups"))
        let disabled = Template(fileName: "spof@__device_ups__.rule.disabled", contents: Array(#"{"x": 1}"#.utf8))
        let used = Template(fileName: "x@__device_ups__.rule", contents: Array(#"{"y": "__name__"}"#.utf8))
        let pass = state.generate(templates: [disabled, used], now: 5000)
        #expect(pass.rules.map(\.template) == ["x@__device_ups__.rule"])
        #expect(pass.rules.first?.text == Array(#"{"y": "ups-1"}"#.utf8))
    }

    @Test func aPassWithNothingPendingDoesNothing() {
        var state = AutoconfigState(now: 0)
        #expect(state.generate(templates: ReferenceTemplates.all, now: 2000) == GenerationPass())
    }
}
