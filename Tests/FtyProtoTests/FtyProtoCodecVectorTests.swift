import FtyProto
import TestSupport
import Testing

/// Golden vectors of `shared/vectors/fty_proto.json`, written and decoded by the real libfty_proto.
@Suite struct FtyProtoCodecVectorTests {
    @Test func vectorFileHasEveryEntry() {
        #expect(FtyVectors.messages.count == 35)
        #expect(FtyVectors.encoderQuirks.count == 5)
        #expect(FtyVectors.decodeCases.count == 41)
    }

    @Test func parsesTheLargestTimeExactly() {
        let times = FtyVectors.messages.compactMap { v -> UInt64? in
            if case .metric(let m) = v.message { return m.time }
            return nil
        }
        #expect(times.contains(UInt64.max))
        #expect(times.contains(1 << 63))
    }

    @Test(arguments: FtyVectors.messages)
    func encodesExactlyAsTheReference(_ vector: FtyVectors.Message) throws {
        let frame = try FtyProtoCodec.encode(vector.message, hashOrder: vector.hashOrder)
        #expect(Hex.encode(frame) == Hex.encode(vector.frame))
    }

    @Test(arguments: FtyVectors.messages)
    func decodesWhatTheReferenceEncoded(_ vector: FtyVectors.Message) throws {
        #expect(FtyProtoCodec.isFtyProto([vector.frame]))
        let decoded = try FtyProtoCodec.decode([vector.frame])
        #expect(decoded == vector.message)
        // The decoded hashes keep the wire order, which is the reference's iteration order.
        switch decoded {
        case .metric(let m): #expect(m.aux.keys == vector.hashWireOrder["aux"])
        case .alert(let a): #expect(a.aux.keys == vector.hashWireOrder["aux"])
        case .asset(let a):
            #expect(a.aux.keys == vector.hashWireOrder["aux"])
            #expect(a.ext.keys == vector.hashWireOrder["ext"])
        }
    }

    @Test(arguments: FtyVectors.decodeCases)
    func decodesAsTheReferenceDecoder(_ vector: FtyVectors.DecodeCase) {
        #expect(FtyProtoCodec.isFtyProto(vector.frames) == vector.isFtyProto)
        let result = Result { () throws(FtyDecodeError) in try FtyProtoCodec.decode(vector.frames) }
        switch result {
        case .success(let message):
            #expect(vector.decodes)
            #expect(message == vector.message)
        case .failure(let error):
            #expect(!vector.decodes, "rejected: \(error)")
        }
    }
}
