/// Reads ZPL, the ZeroMQ Property Language of czmq's zconfig (rfc.zeromq.org/spec:4), in which
/// 42ity writes its agent configuration files.
///
/// ```
/// # comment
/// server
///     timeout = 10000        # unquoted: up to a '#' or the end of line, trailing spaces cut
///     workdir = "/tmp/a b"   # quoted with " or ': taken verbatim, '#' allowed inside
/// ```
///
/// Pure: text in, property tree out. As zconfig does, each nesting level is exactly 4 spaces,
/// blank and comment lines are skipped, a name is made of letters, digits and `$-_@.&+/`,
/// and a value follows `=`. Unlike zconfig, which prints a message and returns a partial
/// tree, every error is thrown with its line.
public enum ZPLParser {
    /// Characters a property name may hold besides letters and digits (zconfig's `s_is_namechar`).
    public static let nameSymbols: Set<Character> = ["$", "-", "_", "@", ".", "&", "+", "/"]

    /// zconfig's `isalnum` test is ASCII only.
    public static func isNameCharacter(_ character: Character) -> Bool {
        (character.isASCII && (character.isLetter || character.isNumber)) || nameSymbols.contains(character)
    }

    /// Parses `text` into its top-level properties.
    ///
    /// - Throws: ``ZPLSyntaxError`` naming the first bad line.
    public static func parse(_ text: String) throws(ZPLSyntaxError) -> [ZPLNode] {
        var roots: [ZPLNode] = []
        // The chain of open properties: path[i] is the last property seen at depth i.
        var path: [ZPLNode] = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine)
            if line.last == "\r" { line.removeLast() }
            guard let (depth, node) = try parseLine(line, number: lineNumber) else { continue }
            guard depth <= path.count else {
                throw ZPLSyntaxError(line: lineNumber, reason: .indentedTooDeep)
            }
            close(&path, downTo: depth, roots: &roots)
            path.append(node)
        }
        close(&path, downTo: 0, roots: &roots)
        return roots
    }

    /// Pops the open properties deeper than `depth`, attaching each to its parent.
    private static func close(_ path: inout [ZPLNode], downTo depth: Int, roots: inout [ZPLNode]) {
        while path.count > depth {
            let node = path.removeLast()
            if path.isEmpty {
                roots.append(node)
            } else {
                path[path.count - 1].children.append(node)
            }
        }
    }

    /// One line: nil for a blank or comment line, else its depth and property.
    private static func parseLine(_ line: Substring, number: Int) throws(ZPLSyntaxError) -> (Int, ZPLNode)? {
        let spaces = line.prefix { $0 == " " }.count
        var rest = line.dropFirst(spaces)
        if rest.allSatisfy(\.isWhitespace) || rest.first == "#" { return nil }
        if rest.first == "\t" { throw ZPLSyntaxError(line: number, reason: .tabInIndentation) }
        guard spaces % 4 == 0 else {
            throw ZPLSyntaxError(line: number, reason: .indentationNotMultipleOfFour(spaces: spaces))
        }
        let name = rest.prefix(while: isNameCharacter)
        guard !name.isEmpty else {
            throw ZPLSyntaxError(
                line: number, reason: rest.first == "=" ? .missingName : .invalidNameCharacter(rest.first!))
        }
        rest = rest.dropFirst(name.count)
        if let first = rest.first, !first.isWhitespace, first != "=", first != "#" {
            throw ZPLSyntaxError(line: number, reason: .invalidNameCharacter(first))
        }
        rest = rest.drop { $0 == " " || $0 == "\t" }
        var value: String?
        if rest.first == "=" {
            rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
            value = try parseValue(&rest, line: number)
        }
        try expectEndOfLine(rest, line: number)
        return (spaces / 4, ZPLNode(name: String(name), value: value, line: number))
    }

    /// The value at the start of `rest`; leaves in `rest` what follows it.
    private static func parseValue(_ rest: inout Substring, line: Int) throws(ZPLSyntaxError) -> String {
        if let quote = rest.first, quote == "\"" || quote == "'" {
            let body = rest.dropFirst()
            guard let end = body.firstIndex(of: quote) else {
                throw ZPLSyntaxError(line: line, reason: .unterminatedQuote(quote))
            }
            rest = body[body.index(after: end)...]
            return String(body[..<end])
        }
        // Unquoted: up to a comment, trailing whitespace cut (zconfig's s_collect_value).
        let end = rest.firstIndex(of: "#") ?? rest.endIndex
        var value = rest[..<end]
        while let last = value.last, last.isWhitespace { value.removeLast() }
        rest = rest[end...]
        return String(value)
    }

    /// Only spaces and an optional comment may remain.
    private static func expectEndOfLine(_ rest: Substring, line: Int) throws(ZPLSyntaxError) {
        let trimmed = rest.drop { $0 == " " || $0 == "\t" }
        guard trimmed.isEmpty || trimmed.first == "#" else {
            throw ZPLSyntaxError(line: line, reason: .unexpectedText(String(trimmed)))
        }
    }
}
