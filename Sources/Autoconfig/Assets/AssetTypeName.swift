/// The type-name matched against template file names (engine.md §11.3).
public enum AssetTypeName {
    /// Subtypes that count as none.
    static let noSubtype: Set<String> = ["", "unknown", "N_A"]

    /// `__<type>__`, or `__<type>_<subtype>__` when the subtype is not empty, `unknown` or `N_A`.
    public static func of(type: String, subtype: String) -> String {
        noSubtype.contains(subtype) ? "__\(type)__" : "__\(type)_\(subtype)__"
    }
}
