import Locking

/// A thread-safe copy of the autoconfig asset cache that the engine reads for its Xphase check
/// (engine.md §1, §9.4 step 3).
///
/// The autoconfig thread writes it as assets are stored and forgotten; the engine thread reads
/// it through ``info(for:)``, passed as `EngineConfiguration.assetInfo`:
///
/// ```swift
/// let assets = AssetInfoView()
/// var engine = EngineConfiguration(endpoint: endpoint, rulesDirectory: rules)
/// engine.assetInfo = assets.info(for:)
/// let autoconfig = AutoconfigServer(configuration: AutoconfigConfiguration(…, assetView: assets))
/// ```
public final class AssetInfoView: Sendable {
    private let attributes = Locked<[String: [String: String]]>([:])

    /// An empty view.
    public init() {}

    /// The ext attributes of the stored asset `name`, nil if autoconfig does not hold it.
    @Sendable public func info(for name: String) -> [String: String]? {
        attributes.withLock { $0[name] }
    }

    /// Records the asset `name` with `attributes`, or forgets it when nil.
    public func set(_ name: String, _ info: [String: String]?) {
        attributes.withLock { $0[name] = info }
    }

    /// Replaces the whole view (start-up from the state file).
    public func replaceAll(with devices: [String: DeviceEntry]) {
        let map = devices.mapValues(\.attributes)
        attributes.withLock { $0 = map }
    }
}
