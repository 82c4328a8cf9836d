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

/// The SLRE instruction set, with the numbering of the C `enum` (the numbers matter: a class
/// escape inside a set stores its opcode number as a set member, vectors README item 13).
enum SLREOpcode {
    static let end: UInt8 = 0
    static let branch: UInt8 = 1
    static let any: UInt8 = 2
    static let exact: UInt8 = 3
    static let anyOf: UInt8 = 4
    static let anyBut: UInt8 = 5
    static let open: UInt8 = 6
    static let close: UInt8 = 7
    static let bol: UInt8 = 8
    static let eol: UInt8 = 9
    static let star: UInt8 = 10
    static let plus: UInt8 = 11
    static let starLazy: UInt8 = 12
    static let plusLazy: UInt8 = 13
    static let quest: UInt8 = 14
    static let space: UInt8 = 15
    static let nonSpace: UInt8 = 16
    static let digit: UInt8 = 17
    static let nonDigit: UInt8 = 18
    static let alpha: UInt8 = 19
    static let nonAlpha: UInt8 = 20
    static let alnum: UInt8 = 21
    static let nonAlnum: UInt8 = 22
}
