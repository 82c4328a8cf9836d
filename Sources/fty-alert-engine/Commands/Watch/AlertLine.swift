import AlertEngine
import Foundation
import FtyProto

/// How `watch` shows one ALERT: a line of text, or one JSON object.
struct AlertLine {
    var alert: FtyAlert
    var stream: String
    var subject: String

    /// `time state severity rule element description`; `-` stands for an empty severity.
    var text: String {
        let time = Date(timeIntervalSince1970: TimeInterval(alert.time))
        return [
            time.formatted(.iso8601), alert.state, alert.severity.isEmpty ? "-" : alert.severity, alert.rule, alert.name,
            // One alert, one line, whatever the description holds.
            alert.description.split(whereSeparator: \.isNewline).joined(separator: " "),
        ].joined(separator: " ")
    }

    /// Every field of the ALERT, with the stream and subject it came with.
    var json: String {
        JSONOutput.compact(
            JSONOutput.object([
                ("time", .number(String(alert.time))), ("ttl", .number(String(alert.ttl))), ("state", .string(alert.state)),
                ("severity", .string(alert.severity)), ("rule", .string(alert.rule)), ("element", .string(alert.name)),
                ("description", .string(alert.description)), ("actions", JSONOutput.strings(alert.action)),
                ("stream", .string(stream)), ("subject", .string(subject)),
            ]))
    }
}
