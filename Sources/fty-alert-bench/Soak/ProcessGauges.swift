import Foundation

/// Resident memory, open descriptors and threads of a process, read from /proc (Linux).
struct ProcessGauges {
    let residentBytes: Int
    let descriptors: Int
    let threads: Int

    /// The gauges of `process` (`self` or a pid).
    static func read(_ process: String) throws -> ProcessGauges {
        let status = try String(contentsOfFile: "/proc/\(process)/status", encoding: .utf8)
        var threads = 0
        for line in status.split(separator: "\n") where line.hasPrefix("Threads:") {
            threads = Int(line.dropFirst("Threads:".count).trimmingCharacters(in: .whitespaces)) ?? 0
        }
        let descriptors = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(process)/fd").count
        return ProcessGauges(
            residentBytes: try ProcessMemory.residentBytes(of: process), descriptors: descriptors, threads: threads)
    }

    var line: String {
        String(format: "rss %.1f MiB, fds %d, threads %d", Double(residentBytes) / 1_048_576, descriptors, threads)
    }
}
