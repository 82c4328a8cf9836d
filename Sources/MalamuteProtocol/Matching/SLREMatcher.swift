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

/// `slre_match` on a compiled program, step for step, with a bound on the work (decisions.md D7).
///
/// The C matcher can loop for ever (a `*`/`+` loop whose body matches without consuming, vectors
/// README item 11), run for an astronomically long time (nested greedy loops are polynomial in the
/// subject length with one degree per loop), or abort on an assertion (a jump past the code).
/// Each of these stops the match with `Abort`, and the subject then counts as not matching.
struct SLREMatcher: ~Copyable {
    /// Why a match was abandoned; all three mean "no match" to the caller.
    enum Abort: Error {
        /// A loop iteration ended where it started, so C would repeat it for ever.
        case nonTerminating
        /// More than `stepBudget` steps.
        case stepBudgetExhausted
        /// C would fail an assertion (jump past the code, unknown opcode) and abort the process.
        case fault
    }

    private let memory: UnsafeBufferPointer<UInt8>
    private let codeSize: Int
    private let subject: UnsafeBufferPointer<UInt8>
    /// The subject length as C sees it (`strlen`).
    private let len: Int
    private var stepsLeft: Int
    /// Current nesting of `match` calls.
    private var depth = 0
    /// Deepest `match` nesting allowed. Without a jump of 0, nested calls start at strictly
    /// increasing pcs, and only a start below codeSize <= 256 nests further, so no program nests
    /// deeper than 257; twice the code size leaves a margin.
    private static var maxDepth: Int { 2 * SLREProgram.arraySize }

    /// Prepares a match of `subject` (cut at its first NUL, as `strlen` does) against `memory`.
    init(
        memory: UnsafeBufferPointer<UInt8>, codeSize: Int, subject: UnsafeBufferPointer<UInt8>,
        stepBudget: Int
    ) {
        self.memory = memory
        self.codeSize = codeSize
        self.subject = subject
        // zrex_matches passes strlen(text): a NUL byte ends the subject.
        self.len = subject.firstIndex(of: 0) ?? subject.count
        self.stepsLeft = stepBudget
    }

    /// `slre_match`: anchored patterns are tried at offset 0 only, others at offsets 0..<len —
    /// never at offset len, so an empty subject never matches an unanchored pattern
    /// (wire.md §2.5.8).
    consuming func run(anchored: Bool) throws(Abort) -> Bool {
        if anchored {
            var ofs = 0
            return try match(0, &ofs)
        }
        for start in 0..<len {
            var ofs = start
            if try match(0, &ofs) { return true }
        }
        return false
    }

    // MARK: - match

    private mutating func match(_ startPC: Int, _ ofs: inout Int) throws(Abort) -> Bool {
        // Deeper than any program can nest means a jump of 0 (reachable by executing a
        // misaligned instruction) recursing for ever: the reference dies of a stack overflow.
        guard depth < Self.maxDepth else { throw .fault }
        depth += 1
        defer { depth -= 1 }
        var res = true
        var pc = startPC
        try spend()
        // pc < 2 * 256 always: every executed instruction is below codeSize <= 256, and a jump
        // adds at most 255.
        while res && memory[pc] != SLREOpcode.end.rawValue {
            // C: assert (pc < r->code_size) — the reference process aborts.
            guard pc < codeSize else { throw .fault }
            try spend()
            let opPC = pc
            let opOfs = ofs
            // C prints "unknown cmd" and fails an assertion (e.g. opcode 0xFF from `\é`).
            guard let op = SLREOpcode(rawValue: memory[pc]) else { throw .fault }
            switch op {
            case .branch:
                // vectors README item 12: the first alternative that matches is kept, even
                // if the rest of the pattern then fails (no backtracking into alternatives).
                let saved = ofs
                res = try match(pc + 3, &ofs)
                if !res {
                    ofs = saved
                    res = try match(pc + Int(memory[pc + 1]), &ofs)
                }
                pc += Int(memory[pc + 2])
            case .exact:
                res = false
                let n = Int(memory[pc + 2])
                let data = SLREProgram.dataBase + Int(memory[pc + 1])
                guard data + n <= memory.count else { throw .fault }
                if n <= len - ofs && equalBytes(at: ofs, data: data, count: n) {
                    ofs += n
                    res = true
                }
                pc += 3
            case .quest:
                res = true
                let saved = ofs
                if !(try match(pc + 2, &ofs)) {
                    ofs = saved
                }
                pc += Int(memory[pc + 1])
            case .star:
                res = true
                try loopGreedy(pc, &ofs)
                pc += Int(memory[pc + 1])
            case .starLazy:
                res = true
                try loopNonGreedy(pc, &ofs)
                pc += Int(memory[pc + 1])
            case .plus:
                res = try match(pc + 2, &ofs)
                if !res { break }
                try loopGreedy(pc, &ofs)
                pc += Int(memory[pc + 1])
            case .plusLazy:
                res = try match(pc + 2, &ofs)
                if !res { break }
                try loopNonGreedy(pc, &ofs)
                pc += Int(memory[pc + 1])
            case .space: res = step(&ofs, &pc) { Self.isSpace($0) }
            case .nonSpace: res = step(&ofs, &pc) { !Self.isSpace($0) }
            case .digit: res = step(&ofs, &pc) { Self.isDigit($0) }
            case .nonDigit: res = step(&ofs, &pc) { !Self.isDigit($0) }
            case .alpha: res = step(&ofs, &pc) { Self.isAlpha($0) }
            case .nonAlpha: res = step(&ofs, &pc) { !Self.isAlpha($0) }
            case .alnum: res = step(&ofs, &pc) { Self.isAlpha($0) || Self.isDigit($0) }
            case .nonAlnum: res = step(&ofs, &pc) { !(Self.isAlpha($0) || Self.isDigit($0)) }
            case .any: res = step(&ofs, &pc) { _ in true }
            case .anyOf, .anyBut:
                let negated = op == .anyBut
                let data = SLREProgram.dataBase + Int(memory[pc + 1])
                let count = Int(memory[pc + 2])
                guard data + count <= memory.count else { throw .fault }
                res = false
                if ofs < len && isInSet(subject[ofs], data: data, count: count) != negated {
                    ofs += 1
                    res = true
                }
                pc += 3
            case .bol:
                res = ofs == 0
                pc += 1
            case .eol:
                res = ofs == len
                pc += 1
            case .open, .close:
                // Captures do not influence the result; zrex only reads them after a match.
                pc += 2
            case .end:
                // Unreachable: the loop condition stops at END (C's case only advances pc).
                pc += 1
            }
            // A jump of 0 back to the same instruction at the same offset: C repeats it for ever.
            if res && pc == opPC && ofs == opOfs { throw .nonTerminating }
        }
        return res
    }

    /// STAR / PLUS: repeat the body as often as it matches and keep the longest offset after
    /// which the rest of the block also matches.
    private mutating func loopGreedy(_ pc: Int, _ ofs: inout Int) throws(Abort) {
        var matchedOffset = ofs
        while true {
            let before = ofs
            guard try match(pc + 2, &ofs) else { break }
            let savedOffset = ofs
            if try match(pc + Int(memory[pc + 1]), &ofs) {
                matchedOffset = savedOffset
            }
            ofs = savedOffset
            // The loop state is the offset alone: an iteration that consumed nothing repeats
            // identically for ever in C (`(a*)*`, `a**`, leading `*`).
            if ofs == before { throw .nonTerminating }
        }
        ofs = matchedOffset
    }

    /// STARQ / PLUSQ: repeat the body until the rest of the block matches.
    private mutating func loopNonGreedy(_ pc: Int, _ ofs: inout Int) throws(Abort) {
        var savedOffset = ofs
        while true {
            let before = ofs
            guard try match(pc + 2, &ofs) else { break }
            savedOffset = ofs
            if try match(pc + Int(memory[pc + 1]), &ofs) { break }
            // C continues from wherever the failed continuation left the offset; offsets
            // never go backwards, so coming back to `before` means looping for ever.
            if ofs == before { throw .nonTerminating }
        }
        ofs = savedOffset
    }

    // MARK: - Helpers

    private mutating func spend() throws(Abort) {
        stepsLeft -= 1
        if stepsLeft < 0 { throw .stepBudgetExhausted }
    }

    /// One-byte test: consumes the byte at `ofs` if there is one and `accepts` it.
    @inline(__always)
    private func step(_ ofs: inout Int, _ pc: inout Int, _ accepts: (UInt8) -> Bool) -> Bool {
        pc += 1
        guard ofs < len, accepts(subject[ofs]) else { return false }
        ofs += 1
        return true
    }

    private func equalBytes(at ofs: Int, data: Int, count: Int) -> Bool {
        var i = 0
        while i < count {
            if subject[ofs + i] != memory[data + i] { return false }
            i += 1
        }
        return true
    }

    /// `is_any_of`: C compares the set's `unsigned char` with the subject's signed `char`
    /// (x86_64), so a subject byte >= 0x80 is never in a set (vectors README item 13).
    private func isInSet(_ byte: UInt8, data: Int, count: Int) -> Bool {
        guard byte < 0x80 else { return false }
        var i = 0
        while i < count {
            if memory[data + i] == byte { return true }
            i += 1
        }
        return false
    }

    // C-locale ctype, as the reference process ran (vectors/subject_match.json notes).
    private static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (0x09...0x0d).contains(c) }
    private static func isDigit(_ c: UInt8) -> Bool { (0x30...0x39).contains(c) }
    private static func isAlpha(_ c: UInt8) -> Bool {
        (0x41...0x5a).contains(c) || (0x61...0x7a).contains(c)
    }
}
