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

/// A compiled SLRE program: the C `struct slre` code and data arrays, laid out as in C.
///
/// `memory` is the 256-byte code array immediately followed by the 256-byte data array, exactly
/// like the C struct. Odd but valid programs can jump past the end of the code (C then reads the
/// zero-filled tail or the data array as opcodes); keeping the C layout makes those reads give
/// the C answer instead of trapping.
struct SLREProgram: Sendable {
    /// Size of each of the C `code` and `data` arrays.
    static var arraySize: Int { 256 }
    /// Offset of the data array inside `memory`.
    static var dataBase: Int { 256 }

    /// `code[0..<256]` followed by `data[0..<256]`; bytes past `codeSize` / `dataSize` are zero.
    let memory: ContiguousArray<UInt8>
    /// Bytes of code in use (`r->code_size`).
    let codeSize: Int
    /// Whether the pattern starts with `^` and is tried only at offset 0 (`r->anchored`).
    let isAnchored: Bool
}
