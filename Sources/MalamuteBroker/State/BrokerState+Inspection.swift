extension BrokerState {
    /// Number of live sessions, in either state.
    public var sessionCount: Int { sessions.count }

    /// Registered addresses, sorted bytewise (the equivalent of mlm_server's `CLIENTLIST`).
    public var registeredAddresses: [[UInt8]] {
        addressTable.keys.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// Stream names in creation order (the equivalent of mlm_server's `STREAMLIST`).
    public var streamNames: [[UInt8]] { streams.map(\.name) }

    /// Number of mail messages stored for `address`, waiting for it to connect.
    public func storedMailCount(for address: [UInt8]) -> Int {
        mailboxes[address]?.count ?? 0
    }

    /// Number of requests of `service` waiting for a matching offer.
    public func queuedRequestCount(for service: [UInt8]) -> Int {
        services[service]?.queue.count ?? 0
    }
}
