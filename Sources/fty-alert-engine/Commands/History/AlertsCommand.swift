import AlertHistory
import ArgumentParser
import Foundation

/// `alerts`: the currently active alerts of the history, since when, last change (issue 10
/// item 4), read from the database (also while the agent writes it).
struct AlertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alerts", abstract: "Lists the active alerts recorded in the history: since when, last change.")

    @OptionGroup var options: HistoryOptions

    func run() async throws {
        do {
            let store = try options.open()
            let alerts: [ActiveAlert]
            do {
                alerts = try await store.activeAlerts()
            } catch {
                throw HistoryCommandFailure.store("\(error)")
            }
            Console.out(options.json ? try HistoryText.json(ActiveAlertList(alerts: alerts)) : Self.text(of: alerts))
        } catch let failure as HistoryCommandFailure {
            Console.error(failure.description)
            throw failure.exitCode
        }
    }

    /// The alerts in aligned columns, or a line saying there are none.
    static func text(of alerts: [ActiveAlert]) -> String {
        guard !alerts.isEmpty else { return "no active alerts" }
        var table = ColumnTable(header: ["SINCE", "LAST CHANGE", "STATE", "SEVERITY", "RULE", "ELEMENT", "DESCRIPTION"])
        for alert in alerts {
            table.rows.append([
                RFC3339.string(milliseconds: alert.since), RFC3339.string(milliseconds: alert.lastChange), alert.state,
                alert.severity, alert.rule, alert.element, alert.description,
            ])
        }
        return table.lines.joined(separator: "\n")
    }
}
