import AlertActions
import FtyProto
import Testing

/// ASSET messages (engine.md §12.3).
@Suite struct AssetHandlingTests {
    static let gpoActions = ["EMAIL", "SMS", "GPO_INTERACTION:gpo-1:open"]

    @Test(arguments: ["create", "inventory", "retire", "bogus"])
    func onlyUpdatesAreCached(operation: String) {
        var core = AlertActionsCore.knowing([])
        #expect(core.handleAsset(Samples.asset("ups-1", operation: operation)) == .none)
        #expect(core.assets.count == 0)
        _ = core.handleAsset(Samples.asset("ups-1", operation: "update"))
        #expect(core.assets.count == 1)
    }

    @Test(arguments: [
        Samples.asset("ups-1", operation: "delete"), Samples.asset("ups-1", status: "nonactive"),
        Samples.asset("ups-1", operation: "retire", status: "retired"), Samples.asset("ups-1", operation: "create", status: ""),
    ])
    func goneAssetResolvesItsAlertsAndIsForgotten(gone: FtyAsset) {
        var core = AlertActionsCore.knowing([Samples.asset("ups-1"), Samples.asset("ups-2")])
        _ = core.receive(Samples.alert("a", actions: Self.gpoActions), at: 0)
        _ = core.receive(Samples.alert("b", actions: ["GPO_INTERACTION:gpo-2:close"]), at: 0)
        _ = core.receive(Samples.alert("c", asset: "ups-2", actions: Self.gpoActions), at: 0)
        let outcome = core.handleAsset(gone)
        #expect(outcome.requests == [Samples.gpo("a", "gpo-1", "close"), Samples.gpo("b", "gpo-2", "open")])
        #expect(core.assets["ups-1"] == nil)
        #expect(core.alerts.rules == ["c"])
    }

    @Test func goneUnknownAssetChangesNothing() {
        var core = AlertActionsCore.knowing([Samples.asset("ups-2")])
        #expect(core.handleAsset(Samples.asset("ups-1", operation: "delete")) == .none)
        #expect(core.assets.count == 1)
    }

    @Test(arguments: [
        Samples.asset("ups-1", email: "new@example.com"), Samples.asset("ups-1", sms: "+1-555"),
        Samples.asset("ups-1", phone: "+1-556"),
    ])
    func contactChangeResolvesThenNotifiesWithTheNewContact(changed: FtyAsset) {
        var core = AlertActionsCore.knowing([Samples.asset("ups-1")])
        let alert = Samples.alert("a", actions: Self.gpoActions)
        _ = core.receive(alert, at: 0)
        let outcome = core.handleAsset(changed)
        #expect(
            outcome.requests == [
                Samples.gpo("a", "gpo-1", "close"), Samples.email(alert, of: changed), Samples.sms(alert, of: changed),
                Samples.gpo("a", "gpo-1", "open"),
            ])
        #expect(core.assets["ups-1"] == changed)
    }

    @Test func otherChangesOnlyReplaceTheAsset() {
        var core = AlertActionsCore.knowing([Samples.asset("ups-1", priority: "1")])
        let alert = Samples.alert("a", actions: ["EMAIL"])
        _ = core.receive(alert, at: 0)
        let renamed = Samples.asset("ups-1", priority: "3", friendly: "Renamed")
        #expect(core.handleAsset(renamed) == .none)
        // The next notification carries the new name and priority.
        let outcome = core.receive(Samples.alert("a", actions: ["EMAIL"], description: "changed"), at: 1)
        guard case .email(let request) = outcome.requests.first else {
            Issue.record("no e-mail: \(outcome)")
            return
        }
        #expect(request.assetName == "Renamed")
        #expect(request.priority == "3")
    }

    @Test func contactChangeWithoutAlertsSendsNothing() {
        var core = AlertActionsCore.knowing([Samples.asset("ups-1")])
        #expect(core.handleAsset(Samples.asset("ups-1", email: "new@example.com")) == .none)
        #expect(core.assets["ups-1"]?.ext["contact_email"] == "new@example.com")
    }
}
