import AlertActions
import Testing

@Suite struct ActionStringTests {
    @Test(arguments: [
        ("EMAIL", ActionString.email),
        ("::EMAIL", .email),
        ("EMAIL:", .email),
        (":SMS::", .sms),
        ("SMS", .sms),
        ("GPO_INTERACTION:gpo-1:open", .gpo(iname: "gpo-1", state: "open")),
        ("GPO_INTERACTION::gpo-1::close:", .gpo(iname: "gpo-1", state: "close")),
        ("", .empty),
        (":::", .empty),
    ])
    func splitsWithStrtokSemantics(text: String, expected: ActionString) {
        #expect(ActionString(text) == expected)
    }

    @Test(arguments: ["EMAIL:someone", "SMS:123", "GPO_INTERACTION:gpo-1", "GPO_INTERACTION:a:b:c", "email", "FOO", "EMAIL SMS"])
    func refusesWhatTheOriginalIgnores(text: String) {
        guard case .unusable = ActionString(text) else {
            Issue.record("\(text) parsed as \(ActionString(text))")
            return
        }
    }

    @Test(arguments: [("open", "close"), ("close", "open"), ("on", "open"), ("", "open"), ("OPEN", "open")])
    func resolutionInvertsOnlyOpen(state: String, resolved: String) {
        #expect(ActionString.resolvedGPOState(state) == resolved)
    }
}
