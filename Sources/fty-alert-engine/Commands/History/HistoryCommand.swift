import AlertEngine
import AlertHistory
import ArgumentParser
import Foundation

/// `history`: the recorded transitions, newest first, filtered (issue 10 item 4). Times take
/// ISO-8601 (`2026-12-06T08:00:00Z`, `2026-12-06`) or an age (`2h`, `7d`): ``TimeArgument``.
struct HistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "Lists recorded alert transitions, newest first, with their evidence.")

    @Option(name: .long, help: "Only this rule (exact).")
    var rule: String?

    @Option(name: .long, help: "Only this element (exact).")
    var element: String?

    @Option(name: .long, help: "Only from this time: ISO-8601 or an age such as 2h or 7d.")
    var since: String?

    @Option(name: .long, help: "Only up to this time: ISO-8601 or an age such as 2h or 7d.")
    var until: String?

    @Option(name: .long, help: "Only this state (ACTIVE, RESOLVED, ACK-…, PENDING).")
    var state: String?

    @Option(name: .long, help: "Only this severity (CRITICAL, WARNING, …).")
    var severity: String?

    @Option(name: .long, help: "At most this many records, 1 to \(HistoryQuery.maximumLimit) (default: \(HistoryQuery.defaultLimit)).")
    var limit: Int = HistoryQuery.defaultLimit

    @OptionGroup var options: HistoryOptions

    func run() async throws {
        do {
            let query = try self.query(now: HistoryWriter.wallClock())
            let store = try options.open()
            let page: HistoryPage
            do {
                page = try await store.history(query)
            } catch {
                throw HistoryCommandFailure.store("\(error)")
            }
            Console.out(options.json ? try HistoryText.json(page) : Self.text(of: page.records))
        } catch let failure as HistoryCommandFailure {
            Console.error(failure.description)
            throw failure.exitCode
        }
    }

    /// The query the options ask for.
    func query(now: Int64) throws(HistoryCommandFailure) -> HistoryQuery {
        func time(_ text: String?, _ option: String) throws(HistoryCommandFailure) -> Int64? {
            guard let text else { return nil }
            guard let millis = TimeArgument.milliseconds(text, now: now) else {
                throw .argument("\(option) '\(text)': expected ISO-8601 (2026-12-06T08:00:00Z) or an age such as 2h or 7d")
            }
            return millis
        }
        guard (1...HistoryQuery.maximumLimit).contains(limit) else {
            throw .argument("--limit \(limit): expected 1 to \(HistoryQuery.maximumLimit)")
        }
        return HistoryQuery(
            rule: rule, element: element, state: state, severity: severity,
            since: try time(since, "--since"), until: try time(until, "--until"), limit: limit)
    }

    /// The records in aligned columns, the evidence summed up in the last one.
    static func text(of records: [HistoryRecord]) -> String {
        guard !records.isEmpty else { return "no records" }
        var table = ColumnTable(header: ["TIME", "KIND", "STATE", "SEVERITY", "RULE", "ELEMENT", "DESCRIPTION", "EVIDENCE"])
        for record in records {
            table.rows.append([
                RFC3339.string(milliseconds: record.time), record.kind.rawValue, record.state, record.severity,
                record.rule, record.element, record.description, record.evidence.map(evidence) ?? "",
            ])
        }
        return table.lines.joined(separator: "\n")
    }

    /// `temperature@room-1=41 C > high_critical=40`, or the inputs and the outcome.
    static func evidence(_ evidence: EvaluationEvidence) -> String {
        let inputs = evidence.inputs.map { "\($0.topic)=\(EngineCore.text($0.value))\($0.unit.isEmpty ? "" : " \($0.unit)")" }
        if let crossed = evidence.crossed {
            return inputs.joined(separator: ", ") + " crossed \(crossed.name)=\(crossed.value)"
        }
        return (inputs + ["result \(evidence.result)"]).joined(separator: ", ")
    }
}
