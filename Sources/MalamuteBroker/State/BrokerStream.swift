import MalamuteProtocol

/// One stream: its name and ordered selectors (wire.md §2.5.5). Streams are never destroyed.
struct BrokerStream: Sendable {
    /// A pattern and the sessions subscribed with it, both in arrival order.
    struct Selector: Sendable {
        /// Compiled once; an invalid pattern matches nothing (decisions.md D7).
        let pattern: SubjectPattern
        /// Whether the pattern is `.*`, the consumer pattern of nearly every 42ity stream (D1).
        let isMatchAll: Bool
        /// Routing ids, in subscription order, without duplicates.
        var subscribers: [[UInt8]] = []

        /// The pattern as received; selectors are shared by byte-identical patterns.
        var source: [UInt8] { pattern.source }

        init(_ source: [UInt8]) {
            self.pattern = SubjectPattern(source)
            self.isMatchAll = source == Self.matchAll
        }

        static let matchAll: [UInt8] = [UInt8(ascii: "."), UInt8(ascii: "*")]

        func matches(_ subject: [UInt8]) -> Bool {
            if isMatchAll {
                // wire.md §2.5.8: `.*` matches exactly the non-empty subjects, a subject being a C
                // string (it ends at its first NUL). Decided here without running the matcher,
                // which costs more than everything else the broker does per message.
                return subject.first.map { $0 != 0 } ?? false
            }
            return pattern.matches(subject)
        }
    }

    /// The stream name, sent as `address` in STREAM_DELIVER.
    let name: [UInt8]
    /// Selectors in creation order.
    var selectors: [Selector] = []

    init(name: [UInt8]) {
        self.name = name
    }

    /// Adds `routingID` to the selector of `pattern`, creating it at the end if it is new.
    mutating func subscribe(_ routingID: [UInt8], pattern: [UInt8]) {
        if let index = selectors.firstIndex(where: { $0.source == pattern }) {
            if !selectors[index].subscribers.contains(routingID) {
                selectors[index].subscribers.append(routingID)
            }
        } else {
            var selector = Selector(pattern)
            selector.subscribers.append(routingID)
            selectors.append(selector)
        }
    }

    /// Removes `routingID` from every selector (STREAM_CANCEL, deregistration).
    ///
    /// Emptied selectors stay in place, as in the reference, so a later subscription with the same
    /// pattern keeps its original position in the delivery order.
    mutating func cancel(_ routingID: [UInt8]) {
        for index in selectors.indices {
            selectors[index].subscribers.removeAll { $0 == routingID }
        }
    }
}
