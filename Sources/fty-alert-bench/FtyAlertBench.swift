import ArgumentParser

/// The benchmark program: prints figures, never asserts (run with `swift run -c release`).
@main
struct FtyAlertBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fty-alert-bench",
        abstract: "Measures the bus, the engine, autoconfig, alert-actions and the alert history and the absence ladder, runs a soak, and prints the figures.",
        subcommands: [
            BusBenchmark.self, EngineBenchmark.self, AutoconfigBenchmark.self, ActionsBenchmark.self, HistoryBenchmark.self, AbsenceBenchmark.self,
            SoakBenchmark.self,
        ])
}
