import FtyProto

/// The autoconfig actor's decisions, without sockets, files or clocks (engine.md §11.2–§11.5).
///
/// Holds the device cache, the container display names and the generation timer. The shell
/// feeds it ASSET messages and timer ticks with the current monotonic time in milliseconds and
/// performs the ``AutoconfigAction``s it returns; when a send fails it calls
/// ``recordFailedSend(asset:)``. The timer's ``currentPeriod`` is recomputed after every ASSET
/// message and every pass; the shell calls ``restartTimer(now:)`` after every incoming message
/// of any kind and after every pass (§11.4), which makes generation run one
/// ``GenerationPeriods/pending`` period after the last message of a burst.
public struct AutoconfigState: Sendable {
    /// Aux types whose display names are remembered for `__logicalasset__` (§11.2 step 2).
    public static let containerTypes: Set<String> = ["datacenter", "room", "row", "rack"]
    /// Subtypes whose removal sends no DELETE_ELEMENT (§11.2 step 5).
    public static let subtypesWithoutDelete: Set<String> = ["sensorgpio", "gpo"]

    /// Stored assets by internal name.
    public private(set) var devices: [String: DeviceEntry]
    /// Display names (ext `name`) of active containers by internal name.
    public private(set) var containers: [String: String]
    /// The timer's periods.
    public let periods: GenerationPeriods
    /// When the next generation pass is due (monotonic ms), nil when no timer is armed.
    public private(set) var deadline: UInt64?
    /// The period ``restartTimer(now:)`` arms: ``GenerationPeriods/initial`` until the first
    /// ASSET message or pass, then ``period`` as computed after the last of them.
    public private(set) var currentPeriod: Duration?

    /// A state holding `devices` and `containers` (read back from the state file, or empty),
    /// with the timer armed ``GenerationPeriods/initial`` after `now`.
    public init(
        devices: [String: DeviceEntry] = [:], containers: [String: String] = [:],
        periods: GenerationPeriods = .standard, now: UInt64
    ) {
        self.devices = devices
        self.containers = containers
        self.periods = periods
        self.currentPeriod = periods.initial
        self.deadline = now + Self.milliseconds(periods.initial)
    }

    // MARK: Timer (§11.4)

    /// The period after a message or a pass: ``GenerationPeriods/pending`` while some asset was
    /// never tried, ``GenerationPeriods/retry`` while some failed, none when all are configured.
    public var period: Duration? {
        var retry = false
        for entry in devices.values where !entry.configured {
            if entry.date == 0 { return periods.pending }
            retry = true
        }
        return retry ? periods.retry : nil
    }

    /// Whether some stored asset waits for generation.
    public var hasUnconfigured: Bool { devices.values.contains { !$0.configured } }

    /// Re-arms the timer one ``currentPeriod`` after `now` (or disarms it).
    public mutating func restartTimer(now: UInt64) {
        deadline = currentPeriod.map { now + Self.milliseconds($0) }
    }

    /// Whether a generation pass is due at `now`.
    public func isDue(now: UInt64) -> Bool {
        deadline.map { now >= $0 } ?? false
    }

    // MARK: ASSET messages (§11.1, §11.2)

    /// Applies one ASSET message; the outcome says what to log and which actions follow.
    public mutating func handle(_ asset: FtyAsset) -> AssetOutcome {
        defer { currentPeriod = period }
        if asset.operation == "inventory" { return .ignored(.inventory) }
        let type = asset.aux["type"] ?? ""
        let subtype = asset.aux["subtype"] ?? ""
        let active = (asset.aux["status"] ?? "active") == "active"
        var attributes: [String: String] = [:]
        for (key, value) in asset.ext.entries where attributes[key] == nil { attributes[key] = value }

        if asset.operation == "update", let current = devices[asset.name], current.operation == asset.operation,
            current.type == type, current.subtype == subtype, active, current.attributes == attributes
        {
            return .ignored(.unchanged)
        }
        let keeps = asset.operation != "delete" && active
        if Self.containerTypes.contains(type) {
            // Q34: the original forgets and at once re-remembers a deleted container; we forget it.
            containers[asset.name] = keeps ? attributes["name"] ?? "" : nil
        }
        guard !type.isEmpty else { return .ignored(.noType) }
        if keeps {
            devices[asset.name] = DeviceEntry(
                type: type, subtype: subtype, operation: asset.operation,
                updateTimestamp: attributes["update_ts"] ?? "", attributes: attributes)
            return .stored
        }
        devices[asset.name] = nil
        return .removed(sendsDeleteElement: !Self.subtypesWithoutDelete.contains(subtype))
    }

    // MARK: Generation (§11.5)

    /// Generates the rules of every unconfigured asset (in name order) from `templates`.
    ///
    /// Only `*.rule` templates are used (Q28). Each asset tried is marked configured and dated
    /// `now`; the returned pass lists the rules to send, then ``AutoconfigAction/saveState``.
    /// Call ``recordFailedSend(asset:)`` for each send the broker refuses.
    public mutating func generate(templates: [Template], now: UInt64) -> GenerationPass {
        let ruleTemplates = templates.filter(\.isRuleTemplate)
        var pass = GenerationPass()
        let pending = devices.filter { !$0.value.configured }.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for name in pending {
            guard var entry = devices[name] else { continue }
            let applicable = ruleTemplates.filter { $0.applies(to: entry.typeName) }
            if applicable.isEmpty {
                pass.withoutTemplates.append(name)
            } else if entry.operation == "create" || entry.operation == "update" {
                pass.actions += rules(for: name, entry, from: applicable).map(AutoconfigAction.send)
            } else {
                pass.notGenerated.append(name)  // retire (Q36)
            }
            entry.configured = true
            entry.date = max(now, 1)
            devices[name] = entry
        }
        if !pending.isEmpty { pass.actions.append(.saveState) }
        currentPeriod = period
        return pass
    }

    /// The expanded `templates` for one asset, minus the fast-track and gpio-model skips.
    private func rules(for name: String, _ entry: DeviceEntry, from templates: [Template]) -> [GeneratedRule] {
        let expander = TemplateExpander(
            values: TemplateValues(name: name, attributes: entry.attributes, containerName: { containers[$0] }))
        let fastTrack = entry.attributes["fast_track"] == "true"
        let model = entry.subtype == "sensorgpio" ? entry.attributes["model"] ?? "" : ""
        var rules: [GeneratedRule] = []
        for template in templates {
            if fastTrack && template.fileName == Template.fastTrackSkipped { continue }
            if !template.contains(model) { continue }
            let text = expander.expand(template.contents)
            rules.append(
                GeneratedRule(asset: name, template: template.fileName, destination: .of(text), text: text))
        }
        return rules
    }

    /// A send of `asset`'s pass failed: it stays unconfigured and is retried (§11.5).
    public mutating func recordFailedSend(asset: String) {
        devices[asset]?.configured = false
        currentPeriod = period
    }

    static func milliseconds(_ duration: Duration) -> UInt64 {
        let (seconds, attoseconds) = duration.components
        return UInt64(max(0, seconds)) * 1000 + UInt64(max(0, attoseconds) / 1_000_000_000_000_000)
    }
}

/// What one generation pass decided (engine.md §11.5).
public struct GenerationPass: Sendable, Equatable {
    /// The rules to send, then ``AutoconfigAction/saveState`` when any asset was tried.
    public var actions: [AutoconfigAction] = []
    /// Assets no template applies to (configured at once, logged).
    public var withoutTemplates: [String] = []
    /// Assets stored by an operation that generates nothing (`retire`, Q36).
    public var notGenerated: [String] = []

    /// An empty pass.
    public init() {}

    /// The rules to send.
    public var rules: [GeneratedRule] {
        actions.compactMap { if case .send(let rule) = $0 { rule } else { nil } }
    }
}
