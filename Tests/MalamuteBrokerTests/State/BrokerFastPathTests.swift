@testable import MalamuteBroker
import MalamuteProtocol
import Testing

/// The broker's two shortcuts give exactly what the general code gives.
@Suite struct BrokerFastPathTests {
    @Test(arguments: [
        ([UInt8](), [UInt8](), [UInt8]()),
        (Array("METRICS".utf8), Array("agent-x".utf8), Array("temperature@sensor-1".utf8)),
        (Array("S".utf8), [], [0x00, 0xFF]),
        ([UInt8](repeating: 0x61, count: 300), [UInt8](repeating: 0x62, count: 255), [UInt8](repeating: 0x63, count: 256)),
    ])
    func streamDeliverHeaderEqualsTheCodecs(stream: [UInt8], sender: [UInt8], subject: [UInt8]) {
        let message = MLMMessage.streamDeliver(address: stream, sender: sender, subject: subject, content: [])
        #expect(StreamDeliverHeader.encode(stream: stream, sender: sender, subject: subject) == MLMCodec.encodeHeader(message))
    }

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
