import AlertEngine
import ArgumentParser
import Foundation

/// `why RULE [ELEMENT]`: the last evaluation of a rule and why it published what it did, over
/// the engine's `rfc-alert-why` mailbox subject (issue 13 item 5).
struct WhyCommand: BusSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "why", abstract: "Explains a rule's last evaluation: inputs, state, why nothing was published.")

    @Argument(help: "The rule name (exact).")
    var rule: String

    @Argument(help: "Only this element of the rule.")
    var element: String?

    @OptionGroup var bus: BusOptions

    func execute(_ session: BusSession) throws(CommandFailure) {
        let frames = [rule] + (element.map { [$0] } ?? [])
        guard
            let report = try session.engineReport(
                WhyReport.self, subject: EngineCore.whySubject, frames: frames, json: bus.json)
        else { return }
        Console.out(Self.text(of: report))
    }

    /// The report for a person.
    static func text(of report: WhyReport) -> String {
        var lines = ["rule \(report.rule) (\(report.kind))", report.explanation]
        for value in report.values { lines.append("  value \(value.name) = \(value.value)") }
        if let policy = report.lifecycle {
            lines.append(
                "  lifecycle: for critical \(policy.criticalFor) s, warning \(policy.warningFor) s; hysteresis "
                    + "\(policy.hysteresis ? "on" : "off"); flap damping \(policy.damping == nil ? "off" : "on")")
        }
        for input in report.inputs {
            let value = input.value.map { "\($0) at \(input.time ?? 0), ttl \(input.ttl ?? 0)" } ?? "no value"
            lines.append("  input \(input.topic): \(value)")
        }
        if let record = report.lastEvaluation {
            let outcome = record.candidate.map { "\($0.state.rawValue) \($0.severity) \($0.description)" } ?? "none"
            lines.append("  last evaluation at \(record.time) on \(record.trigger) for \(record.element): \(outcome)")
        }
        for element in report.elements {
            var line = "  element \(element.element): \(element.state?.rawValue ?? "no alert")"
            if let severity = element.severity, !severity.isEmpty { line += " \(severity)" }
            if let at = element.lastPublishedAt { line += ", last published at \(at)" }
            if let pending = element.lifecycle?.pending { line += ", pending \(pending.candidate.severity) until \(pending.until)" }
            if let lifecycle = element.lifecycle, lifecycle.flapScore > 0 {
                line += ", flap score \(Int(lifecycle.flapScore))\(lifecycle.isFlapping ? " (flapping)" : "")"
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
