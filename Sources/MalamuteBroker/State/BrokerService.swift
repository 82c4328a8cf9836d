import MalamuteProtocol

/// One service: its worker offers in round-robin order and the requests nobody could take yet
/// (wire.md §2.5.7).
struct BrokerService: Sendable {
    /// A worker session and the subjects it accepts.
    struct Offer: Sendable {
        let routingID: [UInt8]
        /// Compiled once; an invalid pattern matches nothing (decisions.md D7).
        let pattern: SubjectPattern

        func matches(_ subject: [UInt8]) -> Bool {
            pattern.matches(subject)
        }
    }

    /// A SERVICE_SEND waiting for a matching offer.
    struct Request: Sendable {
        let sender: [UInt8]
        let subject: [UInt8]
        let tracker: [UInt8]
        let content: [[UInt8]]
    }

    /// Offers in current round-robin order; duplicates are kept (a bigger share of the work).
    var offers: [Offer] = []
    /// Waiting requests, oldest first.
    var queue: [Request] = []

    /// The worker for `subject`: the first matching offer, which then moves to the end of the list.
    mutating func takeWorker(for subject: [UInt8]) -> [UInt8]? {
        guard let index = offers.firstIndex(where: { $0.matches(subject) }) else { return nil }
        let offer = offers.remove(at: index)
        offers.append(offer)
        return offer.routingID
    }

    /// Removes every offer of `routingID` (deregistration).
    mutating func removeOffers(of routingID: [UInt8]) {
        offers.removeAll { $0.routingID == routingID }
    }
}
