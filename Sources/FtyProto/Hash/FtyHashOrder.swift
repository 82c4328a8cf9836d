/// Which reference code path's entry order the encoder reproduces for `aux` / `ext`.
///
/// Receivers never depend on the order (wire.md §4.7); it matters only for byte-identical
/// frames. The two reference paths differ only for keys that share a czmq `zhash` bucket.
public enum FtyHashOrder: Sendable, Equatable {
    /// `fty_proto_encode_metric` / `_alert` / `_asset`, which every agent uses: they `zhash_dup`
    /// the hash first, so keys sharing a bucket come out in insertion order.
    case convenienceEncoder
    /// `fty_proto_new` + `fty_proto_aux_insert` / `_ext_insert` + `fty_proto_encode`: keys
    /// sharing a bucket come out most recently inserted first.
    case setters
}
