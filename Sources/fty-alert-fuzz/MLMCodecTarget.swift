import MalamuteProtocol

/// The MLM header decoder, as the broker and the client read every frame: the input is the
/// header frame. Invariant: a decoded message encodes and decodes back to itself.
struct MLMCodecTarget: FuzzTarget {
    let name = "mlm"

    func run(_ input: [UInt8]) throws(FuzzFinding) {
        for content in [[], [[1, 2, 3]]] as [[[UInt8]]] {
            guard let message = try? MLMCodec.decode(header: input, content: content) else { continue }
            let again = try? MLMCodec.decode(MLMCodec.encode(message))
            guard again == message else {
                throw FuzzFinding(description: "MLM round trip differs: \(message) → \(String(describing: again))")
            }
        }
    }
}
