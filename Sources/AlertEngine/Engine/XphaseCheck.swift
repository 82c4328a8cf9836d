/// Whether a phase rule fits its asset (engine.md §9.4 step 3, upstream PQSWMBT-4921).
///
/// Applies to ADD only (not to updates, Q20, nor at load). Only the prefix rules below refuse;
/// a name without `@` is accepted (Q2). Autoconfig uses the same check for the device lists of
/// its LIST templates reply (engine.md §11.7).
public enum XphaseCheck {
    /// How a prefix decides.
    private enum Phases {
        /// Single phase: with info, `infoKey` = `1`; without, L1 present and L2, L3 absent.
        case one(infoKey: String?, quantity: String)
        /// Three phases: with info, `infoKey` = `3`; without, L1, L2 and L3 present.
        case three(infoKey: String?, quantity: String)

        /// The phase metric's quantity, `%` standing for the phase number.
        var quantity: String {
            switch self {
            case .one(_, let quantity), .three(_, let quantity): quantity
            }
        }
    }

    private static let prefixes: [(prefix: String, phases: Phases)] = [
        ("voltage.input_1phase@ups-", .one(infoKey: "phases.input", quantity: "voltage.input.L%-N")),
        ("voltage.input_1phase@epdu-", .one(infoKey: "phases.input", quantity: "voltage.input.L%-N")),
        ("voltage.input_3phase@ups-", .three(infoKey: "phases.input", quantity: "voltage.input.L%-N")),
        ("voltage.input_3phase@epdu-", .three(infoKey: "phases.input", quantity: "voltage.input.L%-N")),
        ("load.input_1phase@epdu-", .one(infoKey: "phases.input", quantity: "load.input.L%")),
        ("load.input_3phase@epdu-", .three(infoKey: "phases.input", quantity: "load.input.L%")),
        ("phase_imbalance@ups-", .three(infoKey: "phases.output", quantity: "realpower.output.L%")),
        ("phase_imbalance@epdu-", .three(infoKey: "phases.input", quantity: "realpower.output.L%")),
        // Asset info is not consulted for these two.
        ("phase_imbalance@datacenter-", .three(infoKey: nil, quantity: "realpower.output.L%")),
        ("phase_imbalance@rack-", .three(infoKey: nil, quantity: "realpower.output.L%")),
    ]

    /// The phase metrics' quantities up to the phase number (`voltage.input.L`, …): a metric
    /// whose quantity starts with none of them is never asked about.
    static let phaseQuantityPrefixes: [String] = prefixes.reduce(into: []) { result, entry in
        let prefix = String(entry.phases.quantity.prefix { $0 != "%" })
        if !result.contains(prefix) { result.append(prefix) }
    }

    /// True unless the rule `name` is a phase rule its asset does not support.
    ///
    /// `assetInfo` gives the autoconfig cache entry (ext attributes) of an asset, nil if unknown;
    /// `metricPresent` says whether a valid metric of a topic exists from any input (D2).
    public static func isApplicable(
        ruleName name: String, assetInfo: (String) -> [String: String]?, metricPresent: (String) -> Bool
    ) -> Bool {
        guard let entry = prefixes.first(where: { name.utf8.starts(with: $0.prefix.utf8) }) else { return true }
        guard let at = name.utf8.firstIndex(of: UInt8(ascii: "@")) else { return true }
        let asset = String(name[name.utf8.index(after: at)...])
        func present(_ quantity: String, _ phase: Int) -> Bool {
            let parts = quantity.split(separator: "%", maxSplits: 1, omittingEmptySubsequences: false)
            return metricPresent(parts.map(String.init).joined(separator: String(phase)) + "@" + asset)
        }
        switch entry.phases {
        case .one(let infoKey, let quantity):
            if let infoKey, let info = assetInfo(asset) { return info[infoKey] == "1" }
            return present(quantity, 1) && !present(quantity, 2) && !present(quantity, 3)
        case .three(let infoKey, let quantity):
            if let infoKey, let info = assetInfo(asset) { return info[infoKey] == "3" }
            return present(quantity, 1) && present(quantity, 2) && present(quantity, 3)
        }
    }
}
