import AgentHTTP
import AlertActions
import AliveProbes
import AlertHistory
import AlertEngine
import Autoconfig

/// A server of the agent with a blocking `start()` that returns once it serves, and a `stop()`
/// that returns once it has stopped (``EngineServer`` and the embedded broker).
///
/// A server only needs these two calls to run under the service group: conform it here and add
/// it to ``AgentCommand/servers(_:logger:audit:)``.
protocol ManagedServer: Sendable {
    /// Starts serving; throws a message-worthy error (naming the endpoint or path) if it cannot.
    func start() throws
    /// Stops serving and waits until nothing of it runs any more; safe to call twice.
    func stop()
}

extension EngineServer: ManagedServer {}
extension AlertActionsServer: ManagedServer {}
extension AutoconfigServer: ManagedServer {}
extension HistoryRecorder: ManagedServer {}
extension WebhookAlertPublisher: ManagedServer {}
extension ProbeAlertService: ManagedServer {}
