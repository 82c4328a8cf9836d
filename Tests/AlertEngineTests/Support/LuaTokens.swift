/// Splits Lua source into its tokens, dropping white space, comments and `;` — what two
/// layouts of the same program have in common (Lua 5.1/5.4 lexical rules, ASCII operators).
///
/// `;` only separates statements (an empty statement), so dropping it changes no meaning.
/// Long strings and long comments (`[[ … ]]`) are not used by any template and are not split
/// specially: a template using them would compare token by token all the same.
enum LuaTokens {
    static func of(_ source: String) -> [String] {
        let bytes = Array(source.utf8)
        var tokens: [String] = []
        var i = 0
        func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        func isNameByte(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F
        }
        let operators = ["...", "..", "==", "~=", "<=", ">=", "//", "::", "<<", ">>"].map { Array($0.utf8) }
        while i < bytes.count {
            let b = bytes[i]
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) || b == UInt8(ascii: ";") {
                i += 1
            } else if b == UInt8(ascii: "-"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "-") {
                while i < bytes.count, bytes[i] != 0x0A { i += 1 }
            } else if b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") {
                let start = i
                i += 1
                while i < bytes.count, bytes[i] != b {
                    i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1
                }
                i = min(i + 1, bytes.count)
                tokens.append(text(start..<i))
            } else if isNameByte(b) {
                // Names and numbers (a number keeps its `.`; an exponent sign would be a token of its own,
                // in both layouts alike).
                let start = i
                while i < bytes.count, isNameByte(bytes[i]) || bytes[i] == UInt8(ascii: ".") && b.isDigit {
                    i += 1
                }
                tokens.append(text(start..<i))
            } else if let op = operators.first(where: { bytes[i...].starts(with: $0) }) {
                tokens.append(String(decoding: op, as: UTF8.self))
                i += op.count
            } else {
                tokens.append(text(i..<i + 1))
                i += 1
            }
        }
        return tokens
    }
}

extension UInt8 {
    fileprivate var isDigit: Bool { self >= 0x30 && self <= 0x39 }
}
