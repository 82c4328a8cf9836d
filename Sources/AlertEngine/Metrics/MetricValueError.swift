/// Why a metric value text is refused (engine.md §5.2 step 1); the metric is then ignored.
public struct MetricValueError: Error, Sendable, Hashable {
    /// What is wrong with the text.
    public enum Reason: Sendable, Hashable {
        /// The text is empty, or nothing at its start reads as a number (`abc`, ` `).
        case notANumber
        /// A number was read but characters follow it (`12 `, `50AA`, or an embedded NUL).
        case trailingCharacters
        /// `strtod` reported a range error (`ERANGE`: overflow such as `1e999`, or underflow).
        case outOfRange
    }

    /// The refused text, as received.
    public var text: String
    /// What is wrong with it.
    public var reason: Reason

    /// Creates an error.
    public init(text: String, reason: Reason) {
        self.text = text
        self.reason = reason
    }
}
