@testable import MalamuteBroker
import MalamuteProtocol
import Testing

/// The broker's match-all shortcut gives exactly what the general matcher gives.
@Suite struct BrokerFastPathTests {
    @Test
    func matchAllSelectorAgreesWithTheMatcher() {
        let selector = BrokerStream.Selector(Array(".*".utf8))
        #expect(selector.isMatchAll)
        let pattern = SubjectPattern(".*")
        for subject: [UInt8] in [[], [0], [0, 0x61], [0x61], [0x61, 0], [0x0A], [0xFF], Array("temperature@ups-1".utf8)] {
            #expect(selector.matches(subject) == pattern.matches(subject), "subject \(subject)")
        }
    }

    @Test func onlyTheExactPatternIsTreatedAsMatchAll() {
        #expect(!BrokerStream.Selector(Array(".*$".utf8)).isMatchAll)
        #expect(!BrokerStream.Selector(Array("^.*".utf8)).isMatchAll)
        #expect(!BrokerStream.Selector(Array(".+".utf8)).isMatchAll)
    }
}
