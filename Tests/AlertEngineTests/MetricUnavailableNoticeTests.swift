import Testing
@testable import AlertEngine

@Suite struct MetricUnavailableNoticeTests {
    static func frames(_ texts: String...) -> [[UInt8]] { texts.map { Array($0.utf8) } }

    @Test(arguments: ["METRICUNAVAILABLE", "METRIC_UNAVAILABLE"])
    func bothCommandSpellingsAreAccepted(command: String) throws {
        let notice = try MetricUnavailableNotice.parse(Self.frames(command, "average.temperature@rack-1"))
        #expect(notice.topic == "average.temperature@rack-1")
    }

    @Test func framesAfterTheTopicAreIgnored() throws {
        #expect(try MetricUnavailableNotice.parse(Self.frames("METRICUNAVAILABLE", "a@b", "extra")).topic == "a@b")
    }

    @Test func noFramesIsAnError() {
        #expect(throws: MetricUnavailableError.noFrames) { try MetricUnavailableNotice.parse([]) }
    }

    @Test(arguments: ["metricunavailable", "METRICUNAVAILABLE ", "", "TOUCH"])
    func otherCommandIsAnError(command: String) {
        #expect(throws: MetricUnavailableError.unknownCommand(Array(command.utf8))) {
            try MetricUnavailableNotice.parse(Self.frames(command, "a@b"))
        }
    }

    @Test func ftyProtoFrameIsAnUnknownCommand() {
        let frame: [UInt8] = [0xAA, 0xA1, 0x01, 0x00]
        #expect(throws: MetricUnavailableError.unknownCommand(frame)) { try MetricUnavailableNotice.parse([frame]) }
    }

    @Test func missingTopicIsAnError() {
        #expect(throws: MetricUnavailableError.missingTopic) {
            try MetricUnavailableNotice.parse(Self.frames("METRIC_UNAVAILABLE"))
        }
    }

    @Test func invalidUTF8TopicIsAnError() {
        let topic: [UInt8] = [0x61, 0x40, 0xFF, 0x62]
        #expect(throws: MetricUnavailableError.topicNotUTF8(topic)) {
            try MetricUnavailableNotice.parse([Array("METRICUNAVAILABLE".utf8), topic])
        }
    }
}
