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
enum SLREOpcode: UInt8 {
    case end = 0
    case branch = 1
    case any = 2
    case exact = 3
    case anyOf = 4
    case anyBut = 5
    case open = 6
    case close = 7
    case bol = 8
    case eol = 9
    case star = 10
    case plus = 11
    case starLazy = 12
    case plusLazy = 13
    case quest = 14
    case space = 15
    case nonSpace = 16
    case digit = 17
    case nonDigit = 18
    case alpha = 19
    case nonAlpha = 20
    case alnum = 21
    case nonAlnum = 22
}
