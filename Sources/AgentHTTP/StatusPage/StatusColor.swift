/// The colour of an alert's state and severity on the status page and its timeline.
enum StatusColor {
    /// A CSS class suffix and a fill colour for `state` and `severity`.
    static func of(state: String, severity: String) -> (name: String, fill: String) {
        if state == "RESOLVED" { return ("ok", "#2e7d32") }
        if state.hasPrefix("ACK") { return ("ack", "#6a4c93") }
        switch severity {
        case "CRITICAL": return ("critical", "#c62828")
        case "WARNING": return ("warning", "#ef6c00")
        default: return ("info", "#1565c0")
        }
    }

    /// Sort rank of a severity: CRITICAL first.
    static func rank(_ severity: String) -> Int {
        switch severity {
        case "CRITICAL": 0
        case "WARNING": 1
        case "INFO": 2
        default: 3
        }
    }
}
