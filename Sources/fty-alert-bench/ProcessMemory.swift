import Foundation

/// Resident memory read from /proc (Linux).
enum ProcessMemory {
    /// VmRSS in bytes of `process` (`self` or a pid), from /proc/<process>/status.
    static func residentBytes(of process: String = "self") throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(process)/status", encoding: .utf8)
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if fields.count >= 2, let kibibytes = Int(fields[1]) { return kibibytes * 1024 }
        }
        throw BenchmarkError("no VmRSS line in /proc/\(process)/status")
    }
}
