/// One entry of an ALERT's action list, split the way the original splits it (engine.md §12.5).
///
/// The original cuts the text with C `strtok` on `:`, so empty fields vanish: `::EMAIL` is
/// `EMAIL`, `GPO_INTERACTION::gpo-1:open` has three fields, and an empty string has none.
public enum ActionString: Equatable, Sendable {
    /// No field at all (an empty or all-`:` entry): skipped silently.
    case empty
    /// `EMAIL` alone.
    case email
    /// `SMS` alone.
    case sms
    /// `GPO_INTERACTION:<iname>:<state>`, exactly three fields.
    case gpo(iname: String, state: String)
    /// Anything else: ignored, with the reason for the log.
    case unusable(reason: String)

    /// Splits `text` on `:` with `strtok` semantics and names what it asks for.
    public init(_ text: String) {
        let fields = text.split(separator: ":", omittingEmptySubsequences: true)
        guard let name = fields.first else {
            self = .empty
            return
        }
        switch name {
        case "EMAIL" where fields.count == 1: self = .email
        case "SMS" where fields.count == 1: self = .sms
        case "GPO_INTERACTION" where fields.count == 3: self = .gpo(iname: String(fields[1]), state: String(fields[2]))
        case "EMAIL", "SMS": self = .unusable(reason: "\(name) takes no argument")
        case "GPO_INTERACTION": self = .unusable(reason: "GPO_INTERACTION needs exactly <iname>:<state>")
        default: self = .unusable(reason: "unknown action")
        }
    }

    /// The GPO state that undoes `state` on resolution (Q25: only `open` becomes `close`).
    public static func resolvedGPOState(_ state: String) -> String {
        state == "open" ? "close" : "open"
    }
}
