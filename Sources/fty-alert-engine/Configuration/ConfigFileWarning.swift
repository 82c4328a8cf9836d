/// Something in the config file that is ignored but worth telling the operator (logged at start).
struct ConfigFileWarning: Sendable, Equatable, CustomStringConvertible {
    /// What is ignored.
    enum Kind: Sendable, Equatable {
        /// A key this program does not know (a typo, or a key of another version).
        case unknownKey
        /// A key given again; the first one counts, as with zconfig's lookup.
        case duplicateKey(firstLine: Int)
        /// A value on a section line (`server = x`).
        case valueOnSection
    }

    var path: String
    var line: Int
    var key: String
    var kind: Kind

    var description: String {
        switch kind {
        case .unknownKey:
            "config file \(path):\(line): unknown key '\(key)' ignored"
        case .duplicateKey(let firstLine):
            "config file \(path):\(line): key '\(key)' ignored, already set on line \(firstLine)"
        case .valueOnSection:
            "config file \(path):\(line): '\(key)' is a section, its value is ignored"
        }
    }
}
