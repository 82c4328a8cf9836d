import AbsenceWatch
import AlertEngine
import ArgumentParser
import Foundation

/// `expectations [--state RUNG] [--json]`: every expected signal of the running engine, its last
/// arrival and its rung, over the engine's `rfc-alert-expectations` mailbox subject (issue 12
/// item 5). The same report is served at `GET /api/v1/expectations`.
struct ExpectationsCommand: BusSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "expectations",
        abstract: "Lists the expected signals: period, last arrival, missed periods and rung of the absence ladder.")

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Only the signals at this rung: normal, degraded, failed, alert-low or alert-high.", valueName: "rung"))
    var state: String?

    @OptionGroup var bus: BusOptions

    func validate() throws {
        if let state, AbsenceRung(name: state) == nil {
            throw ValidationError("--state must be one of \(AbsenceRung.allCases.map(\.name).joined(separator: ", ")), not '\(state)'")
        }
    }

    func execute(_ session: BusSession) throws(CommandFailure) {
        let frames = [Array((state ?? "").utf8)]  // an empty frame asks for every rung
        let reply = try session.request(EngineNames.mailboxClient, subject: ExpectationsRequest.subject, frames: frames)
        guard let head = reply.first.map({ String(decoding: $0, as: UTF8.self) }) else {
            throw .unexpectedAnswer(peer: EngineNames.mailboxClient, detail: "an empty reply")
        }
        guard head == "OK", reply.count > 1 else {
            throw RulesMailbox.refusal(reply.count > 1 ? String(decoding: reply[1], as: UTF8.self) : head, json: bus.json)
        }
        if bus.json {
            Console.out(String(decoding: reply[1], as: UTF8.self))
            return
        }
        guard let report = try? JSONDecoder().decode(ExpectationsReport.self, from: Data(reply[1])) else {
            throw .unexpectedAnswer(peer: EngineNames.mailboxClient, detail: "a report that does not decode")
        }
        Console.out(ExpectationsText.lines(of: report).joined(separator: "\n"))
    }
}
