/// What the placeholders of a template stand for, for one asset (engine.md §11.5).
///
/// Missing ext attributes are empty strings, as in the original.
public struct TemplateValues: Sendable, Equatable {
    /// `__name__`: the asset's internal name, e.g. `ups-12`.
    public var name: String
    /// `__port__`: `GPI` followed by ext `port`.
    public var port: String
    /// `__logicalasset__`: display name of the container named by ext `logical_asset`.
    public var logicalAsset: String
    /// `__logicalasset_iname__`: ext `logical_asset`.
    public var logicalAssetName: String
    /// `__severity__`: ext `alarm_severity`.
    public var severity: String
    /// `__normalstate__`: ext `normal_state`.
    public var normalState: String
    /// `__rule_result__`: ext `alarm_severity`, ASCII lower-cased.
    public var ruleResult: String
    /// `__ename__`: ext `name`, the asset's display name.
    public var displayName: String

    /// Plausible values for checking a template without an asset, with a quote and a backslash
    /// in the display names so that a check also exercises the escaping.
    public static let sample = TemplateValues(
        name: "asset-1", port: "GPI1", logicalAsset: #"Room "1" \ east"#, logicalAssetName: "room-1",
        severity: "WARNING", normalState: "opened", ruleResult: "warning", displayName: #"Asset "1" \ east"#)

    /// Creates values from each replacement as it is inserted.
    public init(
        name: String, port: String = "GPI", logicalAsset: String = "", logicalAssetName: String = "",
        severity: String = "", normalState: String = "", ruleResult: String = "", displayName: String = ""
    ) {
        self.name = name
        self.port = port
        self.logicalAsset = logicalAsset
        self.logicalAssetName = logicalAssetName
        self.severity = severity
        self.normalState = normalState
        self.ruleResult = ruleResult
        self.displayName = displayName
    }

    /// The values for the asset `name` with ext `attributes`, as §11.5 derives them.
    ///
    /// - Parameter containerName: the display name of a container (datacenter, room, row, rack)
    ///   by internal name, nil if unknown.
    public init(name: String, attributes: [String: String], containerName: (String) -> String?) {
        let logical = attributes["logical_asset"] ?? ""
        let severity = attributes["alarm_severity"] ?? ""
        self.init(
            name: name, port: "GPI" + (attributes["port"] ?? ""), logicalAsset: containerName(logical) ?? "",
            logicalAssetName: logical, severity: severity, normalState: attributes["normal_state"] ?? "",
            ruleResult: String(decoding: severity.utf8.map { (65...90).contains($0) ? $0 + 32 : $0 }, as: UTF8.self),
            displayName: attributes["name"] ?? "")
    }

    /// Placeholder and value pairs in the order §11.5 replaces them.
    public var replacements: [(placeholder: String, value: String)] {
        [
            ("__name__", name),
            ("__port__", port),
            ("__logicalasset__", logicalAsset),
            ("__logicalasset_iname__", logicalAssetName),
            ("__severity__", severity),
            ("__normalstate__", normalState),
            ("__rule_result__", ruleResult),
            ("__ename__", displayName),
        ]
    }
}
