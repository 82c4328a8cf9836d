import Foundation

/// Workload 3: time from spawning the engine to its first answer to LIST, and its memory then.
///
/// The engine binds its embedded broker, loads the rules directory and connects its mailbox
/// client; the benchmark connects as soon as the broker accepts, sends one LIST (mail to a
/// client not yet connected waits in the broker, wire.md §2.5.6) and stops the clock at the
/// answer. The LIST asks only for the probe rules' class, so the figure is the start-up, not
/// the serialisation of every rule (workload 4 times that).
struct StartupWorkload {
    struct Result {
        let engine: EngineProcess
        let mailbox: RulesMailbox
        let untilConnected: Duration
        let untilAnswered: Duration
        let residentBytes: Int
    }

    let executable: URL
    let endpoint: String
    let rulesDirectory: URL
    let logURL: URL
    /// Options added to the engine's command line (`--history PATH`).
    var extraArguments: [String] = []

    func run() throws -> Result {
        let clock = ContinuousClock()
        let start = clock.now
        let engine = try EngineProcess(
            executable: executable, endpoint: endpoint, rulesDirectory: rulesDirectory, logURL: logURL,
            extraArguments: extraArguments)
        let mailbox = try RulesMailbox.connect(endpoint: endpoint, name: "bench-rules")
        let connected = clock.now
        let request = ["LIST", "all", "bench-probe"]
        try mailbox.send(request)
        var reply: [[UInt8]]?
        while reply == nil {
            try engine.checkAlive()
            reply = try mailbox.reply(expecting: "LIST", timeout: .seconds(2))
            if reply == nil {
                guard clock.now - start < .seconds(120) else {
                    throw BenchmarkError("the engine did not answer LIST within 120 s; log: \(logURL.path)")
                }
                try mailbox.send(request)  // In case the broker dropped it; a late duplicate is skipped.
            }
        }
        let answered = clock.now
        let residentBytes = try engine.residentBytes()
        guard let reply, reply.first == Array("LIST".utf8) else {
            throw BenchmarkError("LIST answered \(String(decoding: reply?.dropFirst().first ?? [], as: UTF8.self))")
        }
        guard reply.count == 3 + 2 else {
            throw BenchmarkError("LIST of the probe class returned \(reply.count - 3) rules, expected 2")
        }
        return Result(
            engine: engine, mailbox: mailbox, untilConnected: connected - start, untilAnswered: answered - start,
            residentBytes: residentBytes)
    }
}
