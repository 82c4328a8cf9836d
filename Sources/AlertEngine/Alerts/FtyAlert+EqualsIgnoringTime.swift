import FtyProto

extension FtyAlert {
    /// Whether every field except `time` has the same bytes: what decisions.md D2 calls "unchanged".
    ///
    /// Text is compared byte for byte, so a change of Unicode normalisation counts as a change
    /// (`FtyAlert`'s own `==` compares text by canonical equivalence and includes `time`).
    /// `aux` entries compare as `FtyHash` does, ignoring their order.
    public func equalsIgnoringTime(_ other: FtyAlert) -> Bool {
        ttl == other.ttl && rule.hasSameBytes(as: other.rule) && name.hasSameBytes(as: other.name)
            && state.hasSameBytes(as: other.state) && severity.hasSameBytes(as: other.severity)
            && description.hasSameBytes(as: other.description) && metadata.hasSameBytes(as: other.metadata)
            && action.count == other.action.count
            && zip(action, other.action).allSatisfy { $0.hasSameBytes(as: $1) }
            && aux == other.aux
    }
}
