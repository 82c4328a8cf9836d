import ArgumentParser

/// A subcommand that opens a ``BusSession``, does its work and maps failures to exit statuses.
///
/// Conforming commands implement ``execute(_:)``; ``run()`` connects with ``bus``, closes the
/// session afterwards, and turns a ``CommandFailure`` into its message on standard error and
/// its exit status (1 refused, 2 no answer or bus error).
protocol BusSubcommand: ParsableCommand {
    /// The shared `--endpoint`, `--timeout`, `--json` options.
    var bus: BusOptions { get }
    /// The command's work on a connected session.
    func execute(_ session: BusSession) throws(CommandFailure)
}

extension BusSubcommand {
    func run() throws { try runOnBus() }

    /// Connects, runs ``execute(_:)``, closes; failures become their message and exit status.
    func runOnBus() throws {
        do throws(CommandFailure) {
            let session = try BusSession(bus)
            defer { session.close() }
            try execute(session)
        } catch {
            Console.error(error.description)
            throw error.exitCode
        }
    }
}
