import FtyProto

/// The fty_proto decoder the engine, autoconfig and actions run on every stream message: the
/// input is the first content frame. Invariant: a decoded message without over-long fields
/// encodes and decodes back to itself.
struct FtyProtoTarget: FuzzTarget {
    let name = "fty"

    func run(_ input: [UInt8]) throws(FuzzFinding) {
        guard let message = try? FtyProtoCodec.decode([input]) else { return }
        _ = FtyProtoCodec.isFtyProto([input])
        guard FtyProtoCodec.overlongFields(in: message).isEmpty,
            let frame = try? FtyProtoCodec.encode(message)
        else { return }
        let again = try? FtyProtoCodec.decode([frame])
        guard again == message else {
            throw FuzzFinding(description: "fty_proto round trip differs: \(message) → \(String(describing: again))")
        }
    }
}
