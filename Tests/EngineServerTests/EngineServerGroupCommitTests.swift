import AlertEngine
import Foundation
import MalamuteClient
import TestSupport
import Testing

/// Requests sent back to back to the mailbox (decisions.md D6 with group commit): every reply
/// in request order, every OK'd rule on disk when its reply arrives.
@Suite struct EngineServerGroupCommitTests {
    @Test func addsSentBackToBackAreAnsweredInOrderWithEveryFileStored() throws {
        let bus = try ServerHarness()
        var expected: [(tracker: String, reply: [String])] = []
        for index in 0..<40 {
            let rule = simpleRule("burst-\(index)", target: "t@e\(index)", element: "e\(index)")
            expected.append((try bus.send(["ADD", rule]), ["OK", rule]))
            if index == 20 {  // other requests between the ADDs are answered in their place
                expected.append((try bus.send(["ADD", rule]), ["ERROR", "ALREADY_EXISTS"]))
                expected.append((try bus.send(["GET", "missing"]), ["ERROR", "NOT_FOUND"]))
            }
        }
        for (tracker, reply) in expected {
            let delivery = try #require(try bus.requester.receive(timeout: .seconds(10)))
            #expect(delivery.trackerString == tracker)
            #expect(delivery.contentStrings == reply)
            if reply[0] == "OK" {  // D6: the OK means the file is there, whole
                let name = try RuleParser.parse(Array(reply[1].utf8)).name
                let stored = try Data(contentsOf: URL(fileURLWithPath: bus.path(name + ".rule")))
                #expect(try RuleParser.parse(Array(stored)).name == name)
            }
        }
        #expect(try bus.fileNames() == Set((0..<40).map { "burst-\($0).rule" }))
    }
}
