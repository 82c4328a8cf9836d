/// Serving several clients from one thread (the engine owns `fty-alert-engine` and
/// `fty-alert-engine-stream`).
extension MalamuteClient {
    /// Returns the next delivery of any of `clients` with the index of its client, or `nil` once
    /// `timeout` passes (`nil` = wait for ever).
    ///
    /// Fair: among the clients that have a delivery ready, the one served longest ago goes first,
    /// so a flooded stream client cannot starve a mailbox client. Every call also fires the due
    /// timers of every client, so each one keeps pinging whichever of them is busy (a client
    /// whose heartbeat stops is expired by the broker). Closed clients are skipped.
    public static func receiveAny(
        _ clients: [MalamuteClient], timeout: Duration?
    ) throws(MalamuteClientError) -> (client: Int, delivery: MalamuteDelivery)? {
        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now + $0 }
        while true {
            let now = clock.now
            var chosen: Int?
            var progressed = false
            for (index, client) in clients.enumerated() where client.session.state != .closed {
                if try client.serviceTimers(now: now) { progressed = true }
                if client.inbox.isEmpty, try client.drain() > 0 { progressed = true }
                guard !client.inbox.isEmpty else { continue }
                if let best = chosen, !Self.servedEarlier(client, than: clients[best]) { continue }
                chosen = index
            }
            if let chosen, let delivery = clients[chosen].inbox.popFirst() {
                clients[chosen].lastServed = now
                return (chosen, delivery)
            }
            if progressed { continue }
            if let deadline, now >= deadline { return nil }
            try wait(on: clients, until: deadline, now: now)
        }
    }

    /// Waits until at least one of `clients` has a delivery ready, serving every client's
    /// protocol and heartbeat meanwhile, so one thread can own several clients.
    ///
    /// Returns the indices (ascending) of the clients whose ``receive(timeout:)`` will return a
    /// delivery at once; empty when `timeout` passes first. Closed clients are skipped. Take a
    /// bounded number of deliveries from each ready client per call: `receive(timeout: .zero)`
    /// keeps reading a flooded socket, and meanwhile the other clients neither get served nor
    /// ping. ``receiveAny(_:timeout:)`` does this bookkeeping for you.
    public static func waitForAny(_ clients: [MalamuteClient], timeout: Duration?) throws(MalamuteClientError) -> [Int] {
        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now + $0 }
        // A socket is read only once zmq_poll has reported it readable (zmq_poll looks at the
        // socket's queue itself, so nothing queued is missed): a non-blocking read that finds
        // nothing costs libzmq two system calls, and reading every client before and after
        // each poll cost a mailbox round trip several of them for the idle stream client.
        var readable = Array(repeating: false, count: clients.count)
        var polled = false
        while true {
            var ready: [Int] = []
            let now = clock.now
            for (index, client) in clients.enumerated() where client.session.state != .closed {
                if client.inbox.isEmpty {
                    if readable[index] { _ = try client.drain() }
                    try client.serviceTimers(now: now)
                }
                if !client.inbox.isEmpty { ready.append(index) }
            }
            if !ready.isEmpty { return ready }
            // At least one poll, so that a zero timeout still reports what is already queued.
            if polled, let deadline, clock.now >= deadline { return [] }
            readable = try Self.wait(on: clients, until: deadline, now: clock.now)
            polled = true
        }
    }

    /// Whether `client` was last served before `other` (never served counts as earliest).
    private static func servedEarlier(_ client: MalamuteClient, than other: MalamuteClient) -> Bool {
        guard let mine = client.lastServed else { return other.lastServed != nil }
        guard let theirs = other.lastServed else { return false }
        return mine < theirs
    }
}
