import Foundation

/// Workload 4: rules-mailbox round trips, one request at a time (engine.md §9).
///
/// LIST of every rule (timed several times), GET of load rules picked at random, then ADD of
/// new simple thresholds — each ADD is durable, its OK means the file is on disk (decisions.md D6).
struct MailboxWorkload {
    let mailbox: RulesMailbox
    let ruleNames: [String]
    let lists: Int
    let gets: Int
    let adds: Int

    func runListsAndGets() throws -> (listTimes: [Duration], listed: Int, getElapsed: Duration) {
        let clock = ContinuousClock()
        var listTimes: [Duration] = []
        var listed = 0
        for _ in 0..<lists {
            let start = clock.now
            let reply = try mailbox.request(["LIST", "all"], expecting: "LIST", timeout: .seconds(30))
            listTimes.append(clock.now - start)
            listed = reply.count - 3
        }
        var generator = SplitMix64(seed: 7)
        let start = clock.now
        for _ in 0..<gets {
            let name = ruleNames.randomElement(using: &generator)!
            _ = try mailbox.request(["GET", name], expecting: "OK")
        }
        return (listTimes, listed, clock.now - start)
    }

    func runAdds() throws -> Duration {
        let clock = ContinuousClock()
        let documents = (0..<adds).map { index in
            RuleDocuments.simple(
                name: "bench-added-\(index)", target: "bench.added@added-\(index)", element: "added-\(index)")
        }
        let start = clock.now
        for document in documents {
            _ = try mailbox.request(["ADD", document], expecting: "OK")
        }
        return clock.now - start
    }
}
