import AlertHistory
import ArgumentParser

/// Where `alerts` and `history` find the database: `--history`, `FTY_ALERT_ENGINE_HISTORY`,
/// the config file's `history/path`, else the default, as the agent resolves it.
struct HistoryOptions: ParsableArguments {
    @Option(name: .long, help: "The history database [env: FTY_ALERT_ENGINE_HISTORY, config: history/path] (default: \(AgentOptions.defaultHistory)).")
    var history: String?

    @Option(name: [.short, .long], help: "ZPL config file to read history/path from; must exist when given (default: /etc/fty-alert-engine/fty-alert-engine.cfg, absent = defaults).")
    var config: String?

    @Flag(name: .long, help: "JSON output, as the HTTP API answers.")
    var json = false

    /// Opens the database for reading.
    ///
    /// - Throws: ``HistoryCommandFailure`` when the config file is refused, history is off, or
    ///   the database cannot be opened.
    func open() throws(HistoryCommandFailure) -> HistoryStore {
        let file: ConfigFile
        do {
            file = try ConfigFile.load(path: config ?? ConfigFile.defaultPath, required: config != nil)
        } catch {
            throw .config("\(error)")
        }
        guard let path = AgentOptions.historyPath(flag: history, environment: .current, file: file.settings).path else {
            throw .off
        }
        do {
            return try HistoryStore.openReadOnly(path: path)
        } catch {
            throw .store("\(error)")
        }
    }
}
