import Testing

@testable import AlertEngine

/// The lines of a mailbox request name the client that sent it (issue 6: one line per event
/// with the rule, element or client concerned).
@Suite struct MailboxLoggingTests {
    @Test func mailboxLogLinesNameTheRequestingClient() throws {
        let engine = try EngineHarness()
        let rule = """
            {"threshold": {"rule_name": "r1", "target": "load@e1", "element": "e1", "values": [{"high_critical": "90"}],
             "results": [{"high_critical": {"action": [], "description": "d"}}]}}
            """
        let outcome = engine.core.handleRequest(
            subject: EngineCore.mailboxSubject, frames: [Array("ADD".utf8), Array(rule.utf8)], client: "fty-rest")
        #expect(outcome.reply?.first == Array("OK".utf8))
        #expect(engine.log.metadata(ofMessageContaining: "rule 'r1' added")?["client"] == "fty-rest")
        // A later request handled without a client carries no stale one.
        _ = engine.core.handleRequest(subject: "nothing", frames: [Array("LIST".utf8), Array("all".utf8)])
        let later = try #require(engine.log.metadata(ofMessageContaining: "subject 'nothing'"))
        #expect(later["client"] == nil)
    }
}
