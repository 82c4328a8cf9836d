import MalamuteProtocol

extension BrokerState {
    /// Fans a publication out (wire.md §2.5.5): selectors in creation order, their sessions in
    /// subscription order, the publisher excluded, one copy per matching selector.
    mutating func publish(
        on stream: Int, from publisher: [UInt8], sender: [UInt8], subject: [UInt8], content: [[UInt8]],
        into outputs: inout [BrokerOutput]
    ) {
        let name = streams[stream].name
        let selectors = streams[stream].selectors
        for index in selectors.indices where !selectors[index].subscribers.isEmpty && selectors[index].matches(subject) {
            for subscriber in selectors[index].subscribers where subscriber != publisher {
                outputs.append(
                    .send(
                        routingID: subscriber,
                        message: .streamDeliver(address: name, sender: sender, subject: subject, content: content)))
            }
        }
    }

    /// Delivers mail at once to the holder of `address`, or stores it for later (wire.md §2.5.6).
    mutating func sendMail(
        to address: [UInt8], sender: [UInt8], subject: [UInt8], tracker: [UInt8], content: [[UInt8]],
        into outputs: inout [BrokerOutput]
    ) {
        if let recipient = addressTable[address] {
            // Even if that connection is dead: the ROUTER then drops it (wire.md §2.5.3).
            outputs.append(
                .send(
                    routingID: recipient,
                    message: .mailboxDeliver(
                        sender: sender, address: address, subject: subject, tracker: tracker, content: content)))
        } else {
            let mail = StoredMail(sender: sender, subject: subject, tracker: tracker, content: content)
            mailboxes[address, default: []].append(mail)
            outputs.append(.log(.mailStored(address: address, stored: mailboxes[address]?.count ?? 0)))
        }
    }

    /// Hands a request to the first matching worker (round robin) or queues it (wire.md §2.5.7).
    mutating func requestService(_ service: [UInt8], _ request: BrokerService.Request, into outputs: inout [BrokerOutput]) {
        if let worker = services[service, default: BrokerService()].takeWorker(for: request.subject) {
            outputs.append(.send(routingID: worker, message: Self.serviceDeliver(request, service: service)))
        } else {
            services[service, default: BrokerService()].queue.append(request)
        }
    }

    /// Adds an offer, answers OK, then dispatches every queued request that some offer now matches.
    mutating func offerService(
        _ service: [UInt8], pattern: [UInt8], worker: [UInt8], into outputs: inout [BrokerOutput]
    ) {
        var entry = services.removeValue(forKey: service) ?? BrokerService()
        entry.offers.append(BrokerService.Offer(routingID: worker, pattern: SubjectPattern(pattern)))
        outputs.append(.send(routingID: worker, message: .success))
        var waiting: [BrokerService.Request] = []
        for request in entry.queue {
            if let taker = entry.takeWorker(for: request.subject) {
                outputs.append(.send(routingID: taker, message: Self.serviceDeliver(request, service: service)))
            } else {
                waiting.append(request)
            }
        }
        entry.queue = waiting
        services[service] = entry
    }

    private static func serviceDeliver(_ request: BrokerService.Request, service: [UInt8]) -> MLMMessage {
        // wire.md §2.5.9: the request's own tracker, not the reference's stale one.
        .serviceDeliver(
            sender: request.sender, address: service, subject: request.subject, tracker: request.tracker,
            content: request.content)
    }
}
