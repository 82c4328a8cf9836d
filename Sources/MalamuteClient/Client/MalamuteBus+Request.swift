extension MalamuteBus {
    /// Mails `content` to `address` and waits for the answer to it: request and reply on one mailbox.
    ///
    /// The answer is the first MAILBOX delivery from `address` that `isAnswer` accepts; when
    /// `isAnswer` is nil, the first whose tracker equals `tracker` (42ity agents copy the request's
    /// tracker into their reply, engine.md §9.1; protocols with a correlation frame, like
    /// autoconfig's LIST, engine.md §11.7, pass a test of that frame instead). Every other delivery that arrives meanwhile — a late answer to an
    /// earlier request, a stream message — is dropped, so give each request its own tracker.
    /// Returns nil when no answer came within `timeout`; the deadline covers the whole wait,
    /// however many other deliveries arrive.
    ///
    /// The broker keeps mail for a recipient that is not connected (wire.md §2.5.6), so "no
    /// answer" is all a requester can observe of an absent peer.
    public func request(
        address: String, subject: String, content: [[UInt8]], tracker: String, timeout: Duration,
        isAnswer: ((MalamuteDelivery) -> Bool)? = nil
    ) throws(MalamuteClientError) -> MalamuteDelivery? {
        try sendTo(address: address, subject: subject, content: content, tracker: tracker, timeout: timeout)
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        let expectedSender = Array(address.utf8)
        let expectedTracker = Array(tracker.utf8)
        while true {
            let remaining = deadline - clock.now
            guard remaining > .zero, let delivery = try receive(timeout: remaining) else { return nil }
            guard delivery.kind == .mailbox, delivery.sender == expectedSender else { continue }
            if let isAnswer {
                if isAnswer(delivery) { return delivery }
            } else if delivery.tracker == expectedTracker {
                return delivery
            }
        }
    }
}
