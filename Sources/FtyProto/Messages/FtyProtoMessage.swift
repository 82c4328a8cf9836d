/// One fty_proto message: a METRIC, an ALERT or an ASSET (wire.md §4.1).
public enum FtyProtoMessage: Sendable, Equatable {
    /// Message id 1.
    case metric(FtyMetric)
    /// Message id 2.
    case alert(FtyAlert)
    /// Message id 3.
    case asset(FtyAsset)

    /// The message id byte written after the signature.
    public var id: UInt8 {
        switch self {
        case .metric: 1
        case .alert: 2
        case .asset: 3
        }
    }
}
