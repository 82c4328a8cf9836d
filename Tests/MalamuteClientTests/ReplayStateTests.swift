import Testing

@testable import MalamuteClient

/// The net state replayed after a re-open (wire.md §3.4: never the reference's append-only log).
@Suite struct ReplayStateTests {
    @Test func aLaterProducerReplacesTheEarlierOne() {
        var state = ReplayState()
        state.apply(.setProducer(stream: bytes("A")))
        state.apply(.setProducer(stream: bytes("B")))
        #expect(state.commands == [.setProducer(stream: bytes("B"))])
    }

    @Test func removeConsumerDropsEveryPatternOfThatStreamOnly() {
        var state = ReplayState()
        state.apply(.setConsumer(stream: bytes("A"), pattern: bytes("x")))
        state.apply(.setConsumer(stream: bytes("B"), pattern: bytes("y")))
        state.apply(.setConsumer(stream: bytes("A"), pattern: bytes("z")))
        state.apply(.removeConsumer(stream: bytes("A")))
        #expect(state.commands == [.setConsumer(stream: bytes("B"), pattern: bytes("y"))])
        state.apply(.setConsumer(stream: bytes("A"), pattern: bytes("w")))
        #expect(
            state.commands == [
                .setConsumer(stream: bytes("B"), pattern: bytes("y")), .setConsumer(stream: bytes("A"), pattern: bytes("w")),
            ])
    }

    @Test func duplicatesAreKeptBecauseTheBrokerHoldsOneSelectorEach() {
        var state = ReplayState()
        state.apply(.setConsumer(stream: bytes("A"), pattern: bytes(".*")))
        state.apply(.setConsumer(stream: bytes("A"), pattern: bytes(".*")))
        state.apply(.setWorker(service: bytes("S"), pattern: bytes("p")))
        state.apply(.setWorker(service: bytes("S"), pattern: bytes("p")))
        #expect(state.commands.count == 4)
    }

    @Test func replayOrderIsProducerThenSubscriptionsThenOffers() {
        var state = ReplayState()
        state.apply(.setWorker(service: bytes("S"), pattern: bytes("p")))
        state.apply(.setConsumer(stream: bytes("A"), pattern: bytes("x")))
        state.apply(.setProducer(stream: bytes("P")))
        #expect(
            state.commands == [
                .setProducer(stream: bytes("P")), .setConsumer(stream: bytes("A"), pattern: bytes("x")),
                .setWorker(service: bytes("S"), pattern: bytes("p")),
            ])
    }

    @Test func removingAnUnknownStreamChangesNothing() {
        var state = ReplayState()
        state.apply(.setConsumer(stream: bytes("A"), pattern: bytes("x")))
        state.apply(.removeConsumer(stream: bytes("B")))
        #expect(state.commands == [.setConsumer(stream: bytes("A"), pattern: bytes("x"))])
    }
}
