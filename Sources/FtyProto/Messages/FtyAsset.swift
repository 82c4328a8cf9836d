/// An fty_proto ASSET (id 3): an announcement that an asset was created, changed or removed.
///
/// wire.md §4.5. `name` and `operation` are `string` fields on the wire (255 bytes at most);
/// the encoder cuts longer values at a UTF-8 boundary (engine.md §16 Q29).
public struct FtyAsset: Sendable, Equatable {
    /// Core attributes: `type`, `subtype`, `status`, `priority`, `parent`, `parent_name.N`, ….
    public var aux: FtyHash
    /// Internal asset name (iname), e.g. `ups-1`.
    public var name: String
    /// `create`, `update`, `delete`, `retire` or `inventory`.
    public var operation: String
    /// Extended attributes: `name` (user-friendly name), `model`, `serial_no`, `port`, ….
    public var ext: FtyHash

    /// Creates an asset announcement.
    public init(aux: FtyHash = FtyHash(), name: String, operation: String, ext: FtyHash = FtyHash()) {
        self.aux = aux
        self.name = name
        self.operation = operation
        self.ext = ext
    }
}
