import AlertEngine
import Foundation

extension BusSession {
    /// Asks the engine's mailbox for a JSON report on `subject` (`why`, `expectations`): an
    /// `OK` reply's report is printed as is with `json`, else decoded and returned for the text
    /// form (nil: already printed). A refusal becomes the same failure as the rules commands'.
    func engineReport<Report: Decodable>(
        _ type: Report.Type, subject: String, frames: [String], json: Bool
    ) throws(CommandFailure) -> Report? {
        let reply = try request(EngineNames.mailboxClient, subject: subject, frames: frames.map { Array($0.utf8) })
        guard let head = reply.first.map({ String(decoding: $0, as: UTF8.self) }) else {
            throw .unexpectedAnswer(peer: EngineNames.mailboxClient, detail: "an empty reply")
        }
        guard head == "OK", reply.count > 1 else {
            throw RulesMailbox.refusal(reply.count > 1 ? String(decoding: reply[1], as: UTF8.self) : head, json: json)
        }
        if json {
            Console.out(String(decoding: reply[1], as: UTF8.self))
            return nil
        }
        guard let report = try? JSONDecoder().decode(Report.self, from: Data(reply[1])) else {
            throw .unexpectedAnswer(peer: EngineNames.mailboxClient, detail: "a report that does not decode")
        }
        return report
    }
}
