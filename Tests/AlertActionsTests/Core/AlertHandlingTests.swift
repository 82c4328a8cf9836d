import AlertActions
import FtyProto
import Testing

/// ALERT messages (engine.md §12.4, §12.5).
@Suite struct AlertHandlingTests {
    static let ups = Samples.asset("ups-1", priority: "2")

    @Test(arguments: ["CRITICAL", "WARNING", "INFO", "OK"], ["1", "2", "3", "4", "5", "P1", ""])
    func newActiveAlertNotifiesWithTheAssetsContacts(severity: String, priority: String) {
        let asset = Samples.asset("ups-1", priority: priority)
        var core = AlertActionsCore.knowing([asset])
        let alert = Samples.alert("r1@ups-1", severity: severity, actions: ["EMAIL", "SMS", "GPO_INTERACTION:gpo-7:open"])
        let outcome = core.receive(alert, at: 10)
        #expect(
            outcome.requests == [
                Samples.email(alert, of: asset), Samples.sms(alert, of: asset), Samples.gpo("r1@ups-1", "gpo-7", "open"),
            ])
        #expect(outcome.notes.isEmpty)
        #expect(core.alerts["r1@ups-1"]?.lastNotification == 10)
        #expect(core.alerts["r1@ups-1"]?.lastReceived == 10)
    }

    @Test func notificationFramesAreTheFiveOfTheSpecification() {
        let alert = Samples.alert("r1@ups-1")
        let request = NotificationRequest(
            rule: "r1@ups-1", priority: "2", assetName: "UPS one", contact: "a@b", alertFrame: Samples.frame(alert))
        #expect(
            request.frames(correlationID: "0a-b") == [
                Array("0a-b".utf8), Array("2".utf8), Array("UPS one".utf8), Array("a@b".utf8), Samples.frame(alert),
            ])
        #expect(
            GPORequest(rule: "r", iname: "gpo-1", state: "open").frames(correlationID: "id")
                == [Array("id".utf8), Array("gpo-1".utf8), Array("open".utf8)])
    }

    @Test(arguments: ["ACK-WIP", "ACK-PAUSE", "ACK-IGNORE", "ACK-SILENCE", "ACK-OTHER"])
    func newAcknowledgedAlertNotifiesToo(state: String) {
        var core = AlertActionsCore.knowing([Self.ups])
        let alert = Samples.alert("r1", state: state, actions: ["EMAIL"])
        #expect(core.receive(alert, at: 0).requests == [Samples.email(alert, of: Self.ups)])
    }

    @Test func theFrameSentIsTheOneReceived() {
        var core = AlertActionsCore.knowing([Self.ups])
        let alert = Samples.alert("r1", actions: ["EMAIL"])
        let received = Samples.frame(alert) + [0xFF, 0xFE]  // trailing bytes a decoder ignores
        let outcome = core.handleAlert(alert, frame: received, now: 0)
        guard case .email(let request) = outcome.requests.first else {
            Issue.record("no e-mail: \(outcome)")
            return
        }
        #expect(request.alertFrame == received)
    }

    @Test func badActionsAreLoggedAndTheRestIsSent() {
        var core = AlertActionsCore.knowing([Self.ups])
        let alert = Samples.alert("r1", actions: ["", "EMAIL:boss", "BEEP", "GPO_INTERACTION:gpo-1", "SMS"])
        let outcome = core.receive(alert, at: 0)
        #expect(outcome.requests == [Samples.sms(alert, of: Self.ups)])
        #expect(
            outcome.notes.map(\.ruleAndAction) == [
                .init("r1", "EMAIL:boss"), .init("r1", "BEEP"), .init("r1", "GPO_INTERACTION:gpo-1"),
            ])
    }

    @Test func emptyActionListIsCachedWithoutRequests() {
        var core = AlertActionsCore.knowing([Self.ups])
        #expect(core.receive(Samples.alert("r1", actions: []), at: 0) == .none)
        #expect(core.alerts.count == 1)
    }

    // MARK: Unknown assets

    @Test func unknownAssetIsLookedUpBeforeAnythingElse() {
        var core = AlertActionsCore.knowing([])
        let alert = Samples.alert("r1", asset: "ups-9")
        #expect(core.receive(alert, at: 0) == ActionsOutcome(assetLookup: "ups-9"))
        #expect(core.alerts.count == 0)

        let asset = Samples.asset("ups-9")
        let outcome = core.completeAssetLookup(asset, for: alert, frame: Samples.frame(alert), now: 5)
        #expect(outcome.requests == [Samples.email(alert, of: asset), Samples.sms(alert, of: asset)])
        #expect(core.assets["ups-9"] == asset)
        #expect(core.alerts["r1"]?.lastNotification == 5)
    }

    @Test func failedLookupDropsTheAlert() {
        var core = AlertActionsCore.knowing([])
        let alert = Samples.alert("r1", asset: "ups-9")
        let outcome = core.completeAssetLookup(nil, for: alert, frame: Samples.frame(alert), now: 0)
        #expect(outcome == ActionsOutcome(notes: [.droppedAlert(rule: "r1", asset: "ups-9")]))
        #expect(core.alerts.count == 0)
    }

    @Test(arguments: [
        Samples.asset("ups-9", operation: "create"), Samples.asset("ups-9", status: "nonactive"),
        Samples.asset("other", operation: "update"),
    ])
    func lookupAnswerThatIsNotCachedGivesAnEmptyAsset(answer: FtyAsset) {
        var core = AlertActionsCore.knowing([])
        let alert = Samples.alert("r1", asset: "ups-9")
        let outcome = core.completeAssetLookup(answer, for: alert, frame: Samples.frame(alert), now: 0)
        #expect(outcome.requests == [Samples.email(alert, of: nil), Samples.sms(alert, of: nil)])
        #expect(outcome.notes == [.unknownAsset(rule: "r1", asset: "ups-9")])
    }

    @Test func integrationTestModeNeverLooksUpAndUsesAnEmptyAsset() {
        var core = AlertActionsCore.knowing([], testMode: true)
        let alert = Samples.alert("r1", asset: "ups-9")
        let outcome = core.receive(alert, at: 0)
        #expect(outcome.assetLookup == nil)
        #expect(outcome.requests == [Samples.email(alert, of: nil), Samples.sms(alert, of: nil)])
        // An asset arriving later does not become the alert's related asset (Q13, as the original).
        _ = core.handleAsset(Samples.asset("ups-9"))
        #expect(core.alerts["r1"]?.relatedAsset == nil)
    }

    // MARK: Changes of a cached alert

    /// (old state, new state, whether a notification round follows).
    static let transitions: [(String, String, Bool)] = [
        ("ACTIVE", "ACTIVE", false),
        ("ACTIVE", "ACK-WIP", true), ("ACTIVE", "ACK-PAUSE", true), ("ACTIVE", "ACK-IGNORE", true),
        ("ACTIVE", "ACK-SILENCE", true),  // Q24
        ("ACTIVE", "ACK-OTHER", false),
        ("ACK-WIP", "ACTIVE", false), ("ACK-SILENCE", "ACTIVE", false), ("ACK-PAUSE", "ACK-IGNORE", false),
        ("ACK-WIP", "ACK-SILENCE", false), ("ACK-IGNORE", "ACK-IGNORE", false),
    ]

    @Test(arguments: transitions)
    func stateChangesNotifyOnlyIntoAcknowledgement(old: String, new: String, notifies: Bool) {
        var core = AlertActionsCore.knowing([Self.ups])
        let actions = ["EMAIL", "GPO_INTERACTION:gpo-1:open"]
        _ = core.receive(Samples.alert("r1", state: old, actions: actions), at: 0)
        let next = Samples.alert("r1", state: new, actions: actions)
        let outcome = core.receive(next, at: 7)
        let expected: [ActionRequest] =
            notifies
            ? [Samples.gpo("r1", "gpo-1", "close"), Samples.email(next, of: Self.ups), Samples.gpo("r1", "gpo-1", "open")]
            : []
        #expect(outcome.requests == expected)
        #expect(core.alerts["r1"]?.alert == next)
        #expect(core.alerts["r1"]?.frame == Samples.frame(next))
        #expect(core.alerts["r1"]?.lastReceived == 7)
        #expect(core.alerts["r1"]?.lastNotification == 0)
    }

    @Test(arguments: [
        Samples.alert("r1", severity: "WARNING"), Samples.alert("r1", description: "hotter"),
        Samples.alert("r1", actions: ["SMS", "EMAIL"]), Samples.alert("r1", actions: ["EMAIL"]),
        Samples.alert("r1", actions: ["EMAIL", "SMS", ""]),
    ])
    func fieldChangesNotifyWithTheNewAlert(next: FtyAlert) {
        var core = AlertActionsCore.knowing([Self.ups])
        _ = core.receive(Samples.alert("r1"), at: 0)
        let outcome = core.receive(next, at: 1)
        let expected = next.action.compactMap { action -> ActionRequest? in
            switch action {
            case "EMAIL": Samples.email(next, of: Self.ups)
            case "SMS": Samples.sms(next, of: Self.ups)
            default: nil
            }
        }
        #expect(outcome.requests == expected)
    }

    @Test func timeTtlAndAuxChangesAreNotChanges() {
        var core = AlertActionsCore.knowing([Self.ups])
        _ = core.receive(Samples.alert("r1"), at: 0)
        var next = Samples.alert("r1", ttl: 60)
        next.time += 100
        next.aux["ctime"] = "5"
        #expect(core.receive(next, at: 1) == .none)
        #expect(core.alerts["r1"]?.alert.ttl == 60)
    }

    @Test func ruleIsTheOnlyKeyAndTheFirstAssetStays() {
        let other = Samples.asset("ups-2", priority: "1", email: "two@example.com")
        var core = AlertActionsCore.knowing([Self.ups, other])
        _ = core.receive(Samples.alert("shared", asset: "ups-1"), at: 0)
        let second = Samples.alert("shared", asset: "ups-2", description: "other")
        let outcome = core.receive(second, at: 1)
        // Q11: same rule, another asset — it overwrites, and contacts still come from ups-1.
        #expect(outcome.requests == [Samples.email(second, of: Self.ups), Samples.sms(second, of: Self.ups)])
        #expect(core.alerts.count == 1)
        #expect(core.alerts["shared"]?.relatedAsset == "ups-1")
    }

    // MARK: Resolution

    @Test func resolvedSendsOnlyInvertedGPOsAndForgets() {
        var core = AlertActionsCore.knowing([Self.ups])
        let actions = ["EMAIL", "SMS", "GPO_INTERACTION:gpo-1:open", "GPO_INTERACTION:gpo-2:close", "GPO_INTERACTION:gpo-3:blink"]
        _ = core.receive(Samples.alert("r1", actions: actions), at: 0)
        let outcome = core.receive(Samples.alert("r1", state: "RESOLVED", severity: "OK", actions: []), at: 1)
        #expect(
            outcome.requests == [
                Samples.gpo("r1", "gpo-1", "close"), Samples.gpo("r1", "gpo-2", "open"), Samples.gpo("r1", "gpo-3", "open"),
            ])
        #expect(core.alerts.count == 0)
    }

    @Test func resolvedForAnUnknownRuleIsIgnored() {
        var core = AlertActionsCore.knowing([Self.ups])
        #expect(core.receive(Samples.alert("r1", state: "RESOLVED"), at: 0) == .none)
        // Not even a lookup for an unknown asset.
        #expect(core.receive(Samples.alert("r2", asset: "nobody", state: "RESOLVED"), at: 0) == .none)
    }

    @Test(arguments: ["UNKNOWN", "", "active", "ACK"])
    func otherStatesAreIgnored(state: String) {
        var core = AlertActionsCore.knowing([Self.ups])
        _ = core.receive(Samples.alert("r1"), at: 0)
        let outcome = core.receive(Samples.alert("r1", state: state, severity: "WARNING"), at: 1)
        #expect(outcome == ActionsOutcome(notes: [.ignoredState(rule: "r1", state: state)]))
        #expect(core.alerts["r1"]?.alert.severity == "CRITICAL")
    }
}

/// A note reduced to what the tests compare.
struct RuleAndAction: Equatable {
    let rule: String
    let action: String
    init(_ rule: String, _ action: String) {
        self.rule = rule
        self.action = action
    }
}

extension ActionsNote {
    var ruleAndAction: RuleAndAction? {
        guard case .ignoredAction(let rule, let action, _) = self else { return nil }
        return RuleAndAction(rule, action)
    }
}
