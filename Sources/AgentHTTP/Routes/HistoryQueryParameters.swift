import AlertHistory
import Hummingbird
import HummingbirdCore

/// A history query from URL query parameters (see ``HistoryRoutes``).
enum HistoryQueryParameters {
    /// A parameter that cannot be used; its description is the 400's reason.
    struct Refusal: Error, CustomStringConvertible {
        var description: String
    }

    static func query(_ parameters: FlatDictionary<Substring, Substring>, now: Int64) throws(Refusal) -> HistoryQuery {
        func text(_ name: Substring) -> String? { parameters[name].map(String.init).flatMap { $0.isEmpty ? nil : $0 } }
        func time(_ name: Substring) throws(Refusal) -> Int64? {
            guard let value = text(name) else { return nil }
            guard let millis = TimeArgument.milliseconds(value, now: now) else {
                throw Refusal(description: "\(name): '\(value)' is not a time (ISO-8601 or an age such as 2h, 7d)")
            }
            return millis
        }
        func number(_ name: Substring, _ range: ClosedRange<Int64>) throws(Refusal) -> Int64? {
            guard let value = text(name) else { return nil }
            guard let number = Int64(value), range.contains(number) else {
                throw Refusal(description: "\(name): '\(value)' is not a whole number in \(range.lowerBound)...\(range.upperBound)")
            }
            return number
        }
        var query = HistoryQuery()
        query.rule = text("rule")
        query.element = text("element")
        query.state = text("state")
        query.severity = text("severity")
        query.partition = text("partition")
        query.since = try time("since")
        query.until = try time("until")
        if let limit = try number("limit", 1...1000) { query.limit = Int(limit) }
        query.before = try number("cursor", 1...Int64.max)
        return query
    }
}
