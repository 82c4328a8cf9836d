import ArgumentParser

/// The options every subcommand that talks to the bus shares: where, how long, what output.
struct BusOptions: ParsableArguments {
    @Option(name: .long, help: "Malamute broker endpoint [env: FTY_ALERT_ENGINE_ENDPOINT] (default: \(AgentOptions.defaultEndpoint)).")
    var endpoint: String?

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for the broker and for each answer.", valueName: "seconds"))
    var timeout: Double = 5

    @Flag(name: .long, help: "Print JSON for scripts instead of text.")
    var json = false

    func validate() throws {
        guard timeout > 0, timeout.isFinite else { throw ValidationError("--timeout must be a positive number of seconds") }
    }

    /// The endpoint after the flag and `FTY_ALERT_ENGINE_ENDPOINT` (decisions.md D5).
    func resolvedEndpoint(_ environment: Environment = .current) -> String {
        endpoint ?? environment["FTY_ALERT_ENGINE_ENDPOINT"] ?? AgentOptions.defaultEndpoint
    }

    /// `--timeout` as a duration.
    var timeoutDuration: Duration { .milliseconds(Int64((timeout * 1000).rounded(.up))) }
}
