// Port of SLRE (Super Light Regular Expression library) as bundled in czmq 4.2.1
// (src/foreign/slre/slre.inc_c), used by czmq `zrex` and therefore by the Malamute broker.
//
// Copyright (c) 2004-2005 Sergey Lyubka <valenok@gmail.com>
// All rights reserved
//
// "THE BEER-WARE LICENSE" (Revision 42):
// Sergey Lyubka wrote this file.  As long as you retain this notice you
// can do whatever you want with this stuff. If we meet some day, and you think
// this stuff is worth it, you can buy me a beer in return.

/// `slre_compile`, step for step: turns pattern bytes into an `SLREProgram`.
///
/// The C compiler records an error and carries on; an error is never cleared, so the pattern is
/// invalid whatever happens next. We stop at the first error instead: same verdict, and it also
/// avoids the C's later undefined behaviour (writes past the code array, reads past the pattern,
/// and the endless loop on an unbalanced `)`, decisions.md D7).
struct SLRECompiler {
    /// `meta_chars` of slre.inc_c: the bytes that end a literal run.
    private static let metaChars: [UInt8] = Array("|.^$*+?()[\\".utf8)

    /// The pattern as the C string `zrex_new` sees: cut at the first NUL, then a NUL terminator.
    private let re: [UInt8]
    /// Read position in `re` (the C `*re` pointer).
    private var pos = 0
    /// The C `code` array followed by the `data` array (see `SLREProgram.memory`).
    private var memory = ContiguousArray<UInt8>(repeating: 0, count: 2 * SLREProgram.arraySize)
    private var codeSize = 0
    private var dataSize = 0
    private var numCaps = 0

    private init(_ pattern: [UInt8]) {
        // zrex_new takes a C string: a NUL byte ends the pattern.
        let end = pattern.firstIndex(of: 0) ?? pattern.count
        re = Array(pattern[..<end]) + [0]
    }

    /// Compiles `pattern` as `zrex_new` does.
    ///
    /// Throws where the reference reports an error, never returns, or reads past the pattern.
    static func compile(_ pattern: [UInt8]) throws(SubjectPatternError) -> SLREProgram {
        var compiler = SLRECompiler(pattern)
        return try compiler.compileProgram()
    }

    // MARK: - slre_compile

    private mutating func compileProgram() throws(SubjectPatternError) -> SLREProgram {
        let anchored = re[0] == UInt8(ascii: "^")
        try emit(SLREOpcode.open.rawValue)  // captures what matches the full RE
        try emit(0)
        if re[pos] != 0 {
            // C: `while (*re != '\0') compile (r, &re);` — compile returns before the end only
            // at a top-level `)`, which `compile` reports as unbalanced (C loops for ever there).
            try compile()
        }
        if memory[2] == SLREOpcode.branch.rawValue {
            try fixupBranch(4)
        }
        try emit(SLREOpcode.close.rawValue)
        try emit(0)
        try emit(SLREOpcode.end.rawValue)
        // zrex_new asserts num_caps < MAX_HITS (100); a valid program has room for at most 62
        // groups (4 code bytes each), so that assertion cannot fire here.
        return SLREProgram(memory: memory, codeSize: codeSize, isAnchored: anchored)
    }

    // MARK: - compile

    private mutating func compile() throws(SubjectPatternError) {
        var fixup = 0
        let level = numCaps
        let branchStart = codeSize
        var lastOp = codeSize

        while true {
            let c = next()
            switch c {
            case 0:
                pos -= 1
                return
            case UInt8(ascii: "^"):
                try emit(SLREOpcode.bol.rawValue)
            case UInt8(ascii: "$"):
                try emit(SLREOpcode.eol.rawValue)
            case UInt8(ascii: "."):
                lastOp = codeSize
                try emit(SLREOpcode.any.rawValue)
            case UInt8(ascii: "["):
                lastOp = codeSize
                try anyOf()
            case UInt8(ascii: "\\"):
                lastOp = codeSize
                let esc = try escapeChar()
                if esc & 0xff00 != 0 {
                    // A class escape emits its opcode. A byte >= 0x80 is a negative `char`, so
                    // it lands here too and emits opcode 0xFF (wire.md §2.5.8, SLRE quirk).
                    try emit(UInt8(truncatingIfNeeded: esc >> 8))
                } else {
                    try exactOneChar(esc)
                }
            case UInt8(ascii: "("):
                lastOp = codeSize
                numCaps += 1
                let capNo = numCaps
                try emit(SLREOpcode.open.rawValue)
                try emit(capNo)
                try compile()
                guard next() == UInt8(ascii: ")") else { throw fail(.missingClosingParenthesis) }
                try emit(SLREOpcode.close.rawValue)
                try emit(capNo)
            case UInt8(ascii: ")"):
                pos -= 1
                try fixupBranch(fixup)
                // vectors README item 10: at top level C sets "Unbalanced brackets" and then
                // slre_compile calls compile again on the same `)` for ever.
                if level == 0 { throw fail(.unbalancedClosingParenthesis) }
                return
            case UInt8(ascii: "+"), UInt8(ascii: "*"):
                var op = c == UInt8(ascii: "*") ? SLREOpcode.star : SLREOpcode.plus
                if re[pos] == UInt8(ascii: "?") {
                    pos += 1
                    op = op == SLREOpcode.star ? SLREOpcode.starLazy : SLREOpcode.plusLazy
                }
                try quantifier(lastOp, op)
            case UInt8(ascii: "?"):
                try quantifier(lastOp, SLREOpcode.quest)
            case UInt8(ascii: "|"):
                try fixupBranch(fixup)
                try relocate(branchStart, 3)
                memory[branchStart] = SLREOpcode.branch.rawValue
                try setJumpOffset(branchStart + 1, branchStart)
                fixup = branchStart + 2
                memory[fixup] = 0xff
            default:
                pos -= 1
                lastOp = codeSize
                try exact()
            }
        }
    }

    // MARK: - Atoms

    /// A run of literal bytes up to the next metacharacter.
    private mutating func exact() throws(SubjectPatternError) {
        let oldDataSize = dataSize
        while re[pos] != 0 && !Self.metaChars.contains(re[pos]) {
            try storeCharInData(Int(Int8(bitPattern: next())))
        }
        try emit(SLREOpcode.exact.rawValue)
        try emit(oldDataSize)
        try emit(dataSize - oldDataSize)
    }

    private mutating func exactOneChar(_ ch: Int) throws(SubjectPatternError) {
        try emit(SLREOpcode.exact.rawValue)
        try emit(dataSize)
        try emit(1)
        try storeCharInData(ch)
    }

    /// `[...]` / `[^...]`: literal bytes only; no ranges (wire.md §2.5.8).
    private mutating func anyOf() throws(SubjectPatternError) {
        let oldDataSize = dataSize
        var op = SLREOpcode.anyOf
        if re[pos] == UInt8(ascii: "^") {
            op = SLREOpcode.anyBut
            pos += 1
        }
        while re[pos] != 0 {
            let c = next()
            switch c {
            case UInt8(ascii: "]"):
                try emit(op.rawValue)
                try emit(oldDataSize)
                try emit(dataSize - oldDataSize)
                return
            case UInt8(ascii: "\\"):
                let esc = try escapeChar()
                if esc & 0xff == 0 {
                    // vectors README item 13: a class escape adds byte 0 and its opcode number.
                    try storeCharInData(0)
                    try storeCharInData(esc >> 8)
                } else {
                    try storeCharInData(esc)
                }
            default:
                try storeCharInData(Int(Int8(bitPattern: c)))
            }
        }
        throw fail(.missingClosingSquareBracket)
    }

    /// `get_escape_char`: the byte after `\`, or a class opcode shifted left by 8.
    ///
    /// The default case returns the byte as a C `char`, so bytes >= 0x80 come back negative.
    /// `\x41` is not a hex escape: it is `x` followed by `41` (vectors README item 17).
    private mutating func escapeChar() throws(SubjectPatternError) -> Int {
        // C reads the terminating NUL here and then carries on past the end of the string.
        guard re[pos] != 0 else { throw fail(.danglingEscape) }
        switch next() {
        case UInt8(ascii: "n"): return 10
        case UInt8(ascii: "r"): return 13
        case UInt8(ascii: "t"): return 9
        case UInt8(ascii: "0"): return 0
        case UInt8(ascii: "s"): return Int(SLREOpcode.space.rawValue) << 8
        case UInt8(ascii: "S"): return Int(SLREOpcode.nonSpace.rawValue) << 8
        case UInt8(ascii: "d"): return Int(SLREOpcode.digit.rawValue) << 8
        case UInt8(ascii: "D"): return Int(SLREOpcode.nonDigit.rawValue) << 8
        case UInt8(ascii: "a"): return Int(SLREOpcode.alpha.rawValue) << 8
        case UInt8(ascii: "A"): return Int(SLREOpcode.nonAlpha.rawValue) << 8
        case UInt8(ascii: "w"): return Int(SLREOpcode.alnum.rawValue) << 8
        case UInt8(ascii: "W"): return Int(SLREOpcode.nonAlnum.rawValue) << 8
        case let other: return Int(Int8(bitPattern: other))
        }
    }

    // MARK: - Quantifiers and branches

    /// Wraps the atom at `prev` in `op`; on a literal run it applies to the last byte only
    /// (vectors README item 15).
    private mutating func quantifier(_ prev: Int, _ op: SLREOpcode) throws(SubjectPatternError) {
        var prev = prev
        if memory[prev] == SLREOpcode.exact.rawValue && memory[prev + 2] > 1 {
            memory[prev + 2] -= 1
            try emit(SLREOpcode.exact.rawValue)
            try emit(Int(memory[prev + 1]) + Int(memory[prev + 2]))
            try emit(1)
            prev = codeSize - 3
        }
        try relocate(prev, 2)
        memory[prev] = op.rawValue
        try setJumpOffset(prev + 1, prev)
    }

    private mutating func fixupBranch(_ fixup: Int) throws(SubjectPatternError) {
        if fixup > 0 {
            try emit(SLREOpcode.end.rawValue)
            try setJumpOffset(fixup, fixup - 2)
        }
    }

    /// Appends END, then shifts the code from `begin` on by `shift` bytes to make room.
    private mutating func relocate(_ begin: Int, _ shift: Int) throws(SubjectPatternError) {
        try emit(SLREOpcode.end.rawValue)
        // C memmoves past the code array here; the final emits then fail with code overflow.
        guard codeSize + shift <= SLREProgram.arraySize else { throw fail(.codeOverflow) }
        var i = codeSize - 1
        while i >= begin {
            memory[i + shift] = memory[i]
            i -= 1
        }
        codeSize += shift
    }

    private mutating func setJumpOffset(_ pc: Int, _ offset: Int) throws(SubjectPatternError) {
        // C asserts `offset < code_size`, which every caller guarantees.
        if codeSize - offset > 0xff {
            throw fail(.jumpOffsetTooBig)
        }
        memory[pc] = UInt8(codeSize - offset)
    }

    // MARK: - Storage

    private mutating func emit(_ code: UInt8) throws(SubjectPatternError) {
        guard codeSize < SLREProgram.arraySize else { throw fail(.codeOverflow) }
        memory[codeSize] = code
        codeSize += 1
    }

    /// `emit` of a C `int`: stored as `(unsigned char) code`.
    private mutating func emit(_ code: Int) throws(SubjectPatternError) {
        try emit(UInt8(truncatingIfNeeded: code))
    }

    private mutating func storeCharInData(_ ch: Int) throws(SubjectPatternError) {
        guard dataSize < SLREProgram.arraySize else { throw fail(.dataOverflow) }
        memory[SLREProgram.dataBase + dataSize] = UInt8(truncatingIfNeeded: ch)
        dataSize += 1
    }

    private mutating func next() -> UInt8 {
        let c = re[pos]
        pos += 1
        return c
    }

    private func fail(_ kind: SubjectPatternError.Kind) -> SubjectPatternError {
        SubjectPatternError(kind, offset: min(pos, re.count - 1))
    }
}
