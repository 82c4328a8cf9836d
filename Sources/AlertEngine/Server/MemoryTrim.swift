import Glibc

/// Hands freed heap pages back to the kernel (glibc `malloc_trim`).
///
/// Loading thousands of rule files leaves their read buffers and parse trees freed but still
/// resident between the rules that are kept; one trim after the load makes the resident size
/// what the rules hold. Looked up at run time: the Swift Glibc module does not declare it.
enum MemoryTrim {
    private static let trimCall: (@convention(c) (Int) -> Int32)? = {
        guard let process = dlopen(nil, RTLD_NOW) else { return nil }
        guard let symbol = dlsym(process, "malloc_trim") else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
    }()

    /// Releases what the allocator can; does nothing where `malloc_trim` does not exist.
    static func releaseFreedPages() {
        _ = trimCall?(0)
    }
}
