/// The loop of an actor's server, as ``ServerThread`` runs it: connected once, served until asked
/// to stop, closed once.
///
/// The engine, autoconfig and alert-actions loops conform. A loop is made, used and closed on its
/// server's thread only, so it need not be `Sendable` and its state needs no locks (only its type
/// crosses to that thread, hence `SendableMetatype`).
public protocol ServerLoop: SendableMetatype {
    /// What ``connect()`` throws: the server's own error type.
    associatedtype ConnectFailure: Error

    /// Connects and subscribes the loop's clients; on failure ``close()`` is still called.
    func connect() throws(ConnectFailure)

    /// Serves until `stopping` returns true; it is asked between turns of the loop.
    func run(until stopping: () -> Bool)

    /// Closes the loop's clients (and saves what must be saved); called once, after ``connect()``
    /// failed or after ``run(until:)`` returned.
    func close()
}
