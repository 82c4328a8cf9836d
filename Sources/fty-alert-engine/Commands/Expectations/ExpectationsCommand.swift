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
        // An empty frame asks for every rung.
        guard
            let report = try session.engineReport(
                ExpectationsReport.self, subject: ExpectationsRequest.subject, frames: [state ?? ""], json: bus.json)
        else { return }
        Console.out(ExpectationsText.lines(of: report).joined(separator: "\n"))
    }
}
