/// Whether an observed alert is a transition of the alert it updates, and which (issue 10
/// item 2). Pure: the store applies it inside its transaction.
///
/// - RESOLVED: a transition only after ACTIVE or ACK-* (the engine's RESOLVED for the first OK
///   of an element that never alerted is not one).
/// - ACK-*: `acknowledged` when the state changes to it (also for an alert not seen raised).
/// - ACTIVE after nothing or RESOLVED: `raised`. ACTIVE while acknowledged keeps the
///   acknowledgement (the engine knows nothing of ACKs and re-publishes ACTIVE; fty-alert-list
///   keeps the ACK), so only a severity or description change counts then.
/// - Otherwise a new severity is `severity_changed`, a new description `description_changed`;
///   actions or time alone change nothing.
enum TransitionRule {
    /// The kind, and the state to store, or nil when nothing changed.
    static func transition(from current: CurrentAlert?, to alert: ObservedAlert) -> (kind: TransitionKind, state: String)? {
        let previous = current.flatMap { $0.isResolved ? nil : $0 }
        if alert.state == "RESOLVED" {
            return previous == nil ? nil : (.resolved, alert.state)
        }
        guard let previous else {
            return (alert.state.hasPrefix("ACK") ? .acknowledged : .raised, alert.state)
        }
        if alert.state.hasPrefix("ACK"), previous.state != alert.state { return (.acknowledged, alert.state) }
        let state = alert.state == "ACTIVE" && previous.state.hasPrefix("ACK") ? previous.state : alert.state
        if previous.severity != alert.severity { return (.severityChanged, state) }
        if previous.description != alert.description { return (.descriptionChanged, state) }
        return nil
    }
}
