/// The file name `<rule name>.rule` of a rule in the rules directory (engine.md §10.1).
///
/// Rule names are arbitrary UTF-8 (`realpower.default@Žluťoučký Kůň` is fine), so the name is
/// checked to be usable as one file name inside the directory: a mailbox request must never make
/// the engine write outside it. Keep the value a rule was loaded from: `SIMPLETHRESHOLD2.rule`
/// holds the rule `simplethreshold2` (engine.md §10.2), and deleting that rule must remove
/// that file.
public struct RuleFileName: Hashable, Sendable, CustomStringConvertible {
    /// The extension every rule file has, compared exactly and case-sensitively.
    public static let fileExtension = ".rule"
    /// The longest file name (bytes) Linux file systems accept (NAME_MAX).
    public static let maximumLength = 255

    /// The file name, e.g. `warranty.rule`.
    public let fileName: String

    /// The file name for the rule `name`; throws `invalidRuleName` if it cannot be one.
    public init(rule name: String) throws(RuleDirectoryError) {
        if let problem = Self.problem(with: name) { throw .invalidRuleName(name, problem) }
        fileName = name + Self.fileExtension
    }

    /// The name of an existing directory entry, or nil if it is not `<valid rule name>.rule`.
    public init?(fileName: String) {
        guard fileName.utf8.count > Self.fileExtension.utf8.count,
            fileName.utf8.reversed().starts(with: Self.fileExtension.utf8.reversed())
        else { return nil }
        let rule = String(decoding: fileName.utf8.dropLast(Self.fileExtension.utf8.count), as: UTF8.self)
        guard Self.problem(with: rule) == nil else { return nil }
        self.fileName = fileName
    }

    /// The file name without `.rule`; what the rule name inside must utf8eq-match at load.
    public var ruleName: String {
        String(decoding: fileName.utf8.dropLast(Self.fileExtension.utf8.count), as: UTF8.self)
    }

    public var description: String { fileName }

    /// What makes `name` unusable as a rule file name, if anything.
    static func problem(with name: String) -> RuleNameProblem? {
        let bytes = name.utf8
        if bytes.isEmpty { return .empty }
        if name == "." || name == ".." { return .dotOrDotDot }
        if bytes.contains(UInt8(ascii: "/")) { return .containsSlash }
        if bytes.contains(0) { return .containsNUL }
        if bytes.count + fileExtension.utf8.count > maximumLength { return .tooLong(bytes: bytes.count) }
        return nil
    }

    // MARK: Temporary files (decisions.md D6)

    /// Marker between the rule part and the random part of a temporary file name.
    private static let temporaryMarker = Array(".rule.tmp-".utf8)
    /// Characters of the random suffix, and its length.
    private static let randomAlphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
    private static let randomLength = 8

    /// A fresh temporary file name for writing this file: `.<name>.rule.tmp-<8 random>`.
    ///
    /// The rule part is shortened (at a UTF-8 boundary) when needed so the whole stays within
    /// 255 bytes. Such names never end in `.rule`, so they can never be taken for a rule file.
    func temporaryFileName() -> String {
        let room = Self.maximumLength - 1 - Self.temporaryMarker.count - Self.randomLength
        var rule = Array(ruleName.utf8)
        if rule.count > room {
            var cut = room
            while cut > 0 && rule[cut] & 0xC0 == 0x80 { cut -= 1 }  // never split a UTF-8 sequence
            rule.removeSubrange(cut...)
        }
        var name: [UInt8] = [UInt8(ascii: ".")] + rule + Self.temporaryMarker
        for _ in 0..<Self.randomLength { name.append(Self.randomAlphabet.randomElement()!) }
        return String(decoding: name, as: UTF8.self)
    }

    /// True when `name` is one of our temporary file names (left behind by a crash mid-write).
    static func isTemporaryFileName(_ name: [UInt8]) -> Bool {
        let suffixLength = temporaryMarker.count + randomLength
        guard name.count > suffixLength, name.first == UInt8(ascii: ".") else { return false }
        let random = name.suffix(randomLength)
        let marker = name.dropLast(randomLength).suffix(temporaryMarker.count)
        return marker.elementsEqual(temporaryMarker) && random.allSatisfy(randomAlphabet.contains)
    }
}
