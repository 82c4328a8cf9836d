import MalamuteProtocol

/// A subscription-type request: the four calls the broker answers with OK (wire.md §3.6).
///
/// Fields are raw wire bytes, already checked to fit a zproto string (≤ 255 bytes).
public enum ClientCommand: Equatable, Sendable {
    /// Become the producer of `stream` (STREAM_WRITE); a later one replaces it.
    case setProducer(stream: [UInt8])
    /// Subscribe to `stream` for subjects matching the SLRE `pattern` (STREAM_READ).
    case setConsumer(stream: [UInt8], pattern: [UInt8])
    /// Drop every subscription on `stream` (STREAM_CANCEL).
    case removeConsumer(stream: [UInt8])
    /// Offer to work for `service` on subjects matching `pattern` (SERVICE_OFFER).
    case setWorker(service: [UInt8], pattern: [UInt8])

    /// The message that carries this command to the broker.
    public var message: MLMMessage {
        switch self {
        case .setProducer(let stream): .streamWrite(stream: stream)
        case .setConsumer(let stream, let pattern): .streamRead(stream: stream, pattern: pattern)
        case .removeConsumer(let stream): .streamCancel(stream: stream)
        case .setWorker(let service, let pattern): .serviceOffer(address: service, pattern: pattern)
        }
    }

    /// The subject pattern this command carries, if any.
    var pattern: [UInt8]? {
        switch self {
        case .setConsumer(_, let pattern), .setWorker(_, let pattern): pattern
        case .setProducer, .removeConsumer: nil
        }
    }
}

extension ClientCommand: CustomStringConvertible {
    /// The command in the reference API's words, e.g. `set_consumer(METRICS, .*)`.
    public var description: String {
        func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
        switch self {
        case .setProducer(let stream): return "set_producer(\(text(stream)))"
        case .setConsumer(let stream, let pattern): return "set_consumer(\(text(stream)), \(text(pattern)))"
        case .removeConsumer(let stream): return "remove_consumer(\(text(stream)))"
        case .setWorker(let service, let pattern): return "set_worker(\(text(service)), \(text(pattern)))"
        }
    }
}
