/// Closing several clients of one thread at once (issue 14 item 4).
extension MalamuteClient {
    /// Closes every client of `clients` together: each sends CONNECTION_CLOSE at once, then they
    /// wait for their OKs side by side, so the whole call takes at most one
    /// `configuration.closeTimeout` (the longest of them) even when the broker never answers,
    /// instead of one timeout per client in turn.
    ///
    /// Never fails, as ``close()``; afterwards every call on each client throws
    /// ``MalamuteClientError/closed``.
    public static func close(_ clients: [MalamuteClient]) {
        var waiting: [MalamuteClient] = []
        var seen = Set<ObjectIdentifier>()
        for client in clients where client.session.state != .closed {
            guard seen.insert(ObjectIdentifier(client)).inserted else { continue }  // named twice
            client.callResult = nil
            do {
                try client.perform(client.session.handle(.close, now: client.clock.now))
            } catch {
                client.logger.debug("close: \(error)")
                client.callResult = .failure(error)
            }
            if client.callResult == nil {
                waiting.append(client)
            } else {
                client.finishClosing()
            }
        }
        let clock = ContinuousClock()
        while !waiting.isEmpty {
            var progressed = false
            for client in waiting {
                do {
                    if try client.service() { progressed = true }
                } catch {
                    client.logger.debug("close: \(error)")
                    client.callResult = .failure(error)
                }
            }
            for client in waiting where client.callResult != nil { client.finishClosing() }
            waiting.removeAll { $0.callResult != nil }
            if waiting.isEmpty || progressed { continue }
            do {
                // Wakes on a reply or at the earliest close deadline (a session timer).
                try wait(on: waiting, until: nil, now: clock.now)
            } catch {
                for client in waiting {
                    client.logger.debug("close: \(error)")
                    client.finishClosing()
                }
                return
            }
        }
    }
}
