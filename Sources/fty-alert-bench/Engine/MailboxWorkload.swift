/// Workload 4: rules-mailbox round trips, one request at a time (engine.md §9).
///
/// LIST of every rule, GET of load rules picked at random (seeded), and ADD of new simple
/// thresholds — each ADD is durable: its OK means the file is on disk (decisions.md D6).
struct MailboxWorkload {
    let mailbox: RulesMailbox

    /// Times `count` LISTs of every rule; returns the times and the number of rules listed.
    func timeLists(_ count: Int) throws -> (times: [Duration], listed: Int) {
        let clock = ContinuousClock()
        var times: [Duration] = []
        var listed = 0
        for _ in 0..<count {
            let start = clock.now
            let reply = try mailbox.request(["LIST", "all"], expecting: "LIST", timeout: .seconds(30))
            times.append(clock.now - start)
            listed = reply.count - 3  // LIST, type, class, then one frame per rule (§9.2)
        }
        return (times, listed)
    }

    /// Times `count` GETs of names drawn from `names`.
    func timeGets(_ count: Int, of names: [String]) throws -> Duration {
        var generator = SplitMix64(seed: 7)
        let picks = (0..<count).map { _ in names.randomElement(using: &generator)! }
        let clock = ContinuousClock()
        let start = clock.now
        for name in picks {
            _ = try mailbox.request(["GET", name], expecting: "OK")
        }
        return clock.now - start
    }

    /// Times `count` ADDs of new rules (`bench-added-<n>`).
    func timeAdds(_ count: Int) throws -> Duration {
        let documents = (0..<count).map { index in
            RuleDocuments.simple(
                name: "bench-added-\(index)", target: "bench.added@added-\(index)", element: "added-\(index)")
        }
        let clock = ContinuousClock()
        let start = clock.now
        for document in documents {
            _ = try mailbox.request(["ADD", document], expecting: "OK")
        }
        return clock.now - start
    }
}
