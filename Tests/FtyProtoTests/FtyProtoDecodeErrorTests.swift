import FtyProto
import TestSupport
import Testing
import Zproto

/// What the decoder reports for content it rejects, and that hostile input is rejected cheaply.
@Suite struct FtyProtoDecodeErrorTests {
    static let metric = Hex.decode("aaa10100000000000000006553f1000000012c0b74656d70657261747572650873656e736f722d310432352e330143")

    func error(_ content: [[UInt8]]) -> FtyDecodeError? {
        do {
            _ = try FtyProtoCodec.decode(content)
            return nil
        } catch {
            return error
        }
    }

    @Test func namesWhatIsWrongWithTheEnvelope() {
        #expect(error([]) == .noFrame)
        #expect(error([[0xAA, 0xA1]]) == .frameTooShort(length: 2))
        #expect(error([[0xAA, 0xA8, 0x01]]) == .badSignature(0xAA, 0xA8))
        #expect(error([[0xAA, 0xA1, 0x04]]) == .unknownMessageID(4))
    }

    @Test func namesTheTruncatedField() {
        guard case .truncated("aux", let cut) = error([[0xAA, 0xA1, 0x01]]) else {
            Issue.record("not a truncation of aux")
            return
        }
        #expect((cut.offset, cut.needed, cut.available) == (3, 4, 0))
        guard case .truncated(let field, _) = error([Array(Self.metric.dropLast())]) else {
            Issue.record("not a truncation")
            return
        }
        #expect(field == "unit")
        guard case .truncated(let timeField, _) = error([Array(Self.metric.prefix(10))]) else {
            Issue.record("not a truncation")
            return
        }
        #expect(timeField == "time")
    }

    @Test func hugeCountsAreRejectedWithoutLooping() {
        // Counts of 2^32−1 with a few bytes behind them: rejected at once, nothing reserved.
        let hostileHash: [UInt8] = [0xAA, 0xA1, 0x03, 0xFF, 0xFF, 0xFF, 0xFF] + Array(repeating: 0, count: 64)
        #expect(error([hostileHash]).map { if case .truncated(field: "aux", _) = $0 { true } else { false } } == true)
        let alertPrefix = Hex.decode("aaa102000000000000000000000001000000020172016e06414354495645075741524e494e470164")
        let hostileList = alertPrefix + [0xFF, 0xFF, 0xFF, 0xFF] + Array(repeating: 0, count: 64)
        #expect(error([hostileList]).map { if case .truncated(field: "action", _) = $0 { true } else { false } } == true)
    }

    @Test func everyTruncationOfEveryVectorFrameIsRejectedOrDecodesAPrefixSafely() {
        // No cut of a valid frame may crash; cuts inside a field must be rejected.
        for vector in FtyVectors.messages where vector.frame.count < 600 {
            for length in 0..<vector.frame.count {
                let cut = Array(vector.frame.prefix(length))
                if let message = try? FtyProtoCodec.decode([cut]) {
                    // Only an ALERT that lost (part of) its trailing metadata may still decode.
                    guard case .alert(let alert) = message else {
                        Issue.record("\(vector.label): cut at \(length) decoded")
                        continue
                    }
                    // The cut kept the whole action list and dropped the metadata (0–3 bytes left).
                    #expect(alert.metadata.isEmpty)
                    let bodyEnd = (try? FtyProtoCodec.encode(message, hashOrder: vector.hashOrder).count - 4) ?? 0
                    #expect((bodyEnd...bodyEnd + 3).contains(length))
                }
            }
        }
    }

    @Test func invalidUTF8DecodesLossily() throws {
        let frame = Hex.decode("aaa101000000000000000000000005000000060174016e02fffe0175")
        guard case .metric(let metric) = try FtyProtoCodec.decode([frame]) else {
            Issue.record("not a metric")
            return
        }
        #expect(metric.value == "\u{FFFD}\u{FFFD}")
    }
}
