/// Facts about the warranty rule, the one rule with special handling (engine.md §6.5, §5.2).
///
/// A rule is the warranty rule iff its name is exactly `warranty` (`Rule.isWarranty`); the
/// description rewrite itself is `WarrantyDescription` (engine core).
public enum WarrantyRule {
    /// Special handling applies only to a rule named exactly this.
    public static let name = "warranty"
    /// The target of the shipped warranty rule; [orig] metrics whose quantity is
    /// `end_warranty_date` were looked up under this literal key (§5.2 step 5).
    public static let target = "^end_warranty_date@.+"
    /// The metric quantity the warranty rule watches.
    public static let quantity = "end_warranty_date"
}
