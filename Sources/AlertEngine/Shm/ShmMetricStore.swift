#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The fty-shm metric store: one file per metric under `<root>/0/` (engine.md §2.2, §5.1).
///
/// Reading is a second, optional metric input (decisions.md D1). `now` is passed in, so tests
/// decide what has expired. Expired files are deleted by the reader unless `autoclean` is off
/// (the original's `FTY_SHM_AUTOCLEAN=OFF`, see ``autoclean(environment:)``).
public struct ShmMetricStore: Sendable {
    /// The sub-directory of the root holding metric files (the fty-shm metric family "0").
    public static let metricDirectoryName = "0"
    /// Metric files larger than this are skipped (a metric is a few hundred bytes).
    public static let maximumFileSize = 64 << 10

    /// The store root, e.g. `/run/42shm`.
    public let root: String
    /// Whether the reader deletes expired files.
    public let autoclean: Bool

    /// A store rooted at `root`; `autoclean` false keeps expired files.
    public init(root: String, autoclean: Bool = true) {
        self.root = root
        self.autoclean = autoclean
    }

    /// The autoclean setting the original takes from its environment: off iff
    /// `FTY_SHM_AUTOCLEAN` is exactly `OFF` (engine.md §1).
    public static func autoclean(environment: [String: String]) -> Bool {
        environment["FTY_SHM_AUTOCLEAN"] != "OFF"
    }

    /// The directory holding the metric files, `<root>/0`.
    public var metricDirectory: String { root + "/" + Self.metricDirectoryName }

    /// Reads every valid metric, skipping (and reporting) the others.
    ///
    /// A missing metric directory is an empty store (no writer has run yet); any other failure
    /// to list it throws `fileSystem`. Files are read in byte order of their names; expired ones
    /// are deleted when `autoclean` is on.
    public func readAll(now: Int) throws(ShmMetricError) -> ShmReadResult {
        let directory: FileSystem.Directory
        let entries: [[UInt8]]
        do {
            directory = try FileSystem.Directory(metricDirectory)
            entries = try directory.entryNames()
        } catch {
            if error.isNotFound { return ShmReadResult() }
            throw .fileSystem(error)
        }
        var result = ShmReadResult()
        for entry in entries.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            do {
                result.metrics.append(try read(entry, in: directory, now: now))
            } catch {
                let deleted = if case .expired = error { removeExpired(entry, in: directory) } else { false }
                let name = String(decoding: entry, as: UTF8.self)
                result.skipped.append(.init(fileName: name, reason: error, deleted: deleted))
            }
        }
        return result
    }

    /// Reads the metric `<quantity>@<asset>`; nil if there is no such file.
    ///
    /// Throws the reason the file is not valid (an expired file is deleted first when
    /// `autoclean` is on). Used for "exists in shm" checks (engine.md §9.4 step 3).
    public func read(quantity: String, asset: String, now: Int) throws(ShmMetricError) -> ShmMetric? {
        let entry = Array((quantity + "@" + asset).utf8)
        guard ShmMetricFile.parseName(entry) != nil else { throw .badFileName(quantity + "@" + asset) }
        let directory: FileSystem.Directory
        do {
            directory = try FileSystem.Directory(metricDirectory)
        } catch {
            if error.isNotFound { return nil }
            throw .fileSystem(error)
        }
        do {
            return try read(entry, in: directory, now: now)
        } catch {
            if case .fileSystem(let failure) = error, failure.isNotFound { return nil }
            if case .expired = error { _ = removeExpired(entry, in: directory) }
            throw error
        }
    }

    /// Writes `metric` as fty-shm does, with `metric.time` as the file's modification time.
    ///
    /// For tests and the benchmark. Creates `<root>/0` if needed. The file is replaced
    /// atomically (a temporary file in the root, outside the metric directory, renamed in), so a
    /// concurrent reader never sees it half-written.
    public func write(_ metric: ShmMetric) throws(ShmMetricError) {
        let name = metric.topic
        guard ShmMetricFile.parseName(Array(name.utf8)) != nil else { throw .badFileName(name) }
        let contents = try ShmMetricFile.encode(metric)
        do {
            try FileSystem.makeDirectories(metricDirectory)
            try FileSystem.writeAtomically(
                contents, to: metricDirectory + "/" + name, directory: metricDirectory,
                temporaryPath: { root + "/.shm-write-" + String(UInt64.random(in: 0...UInt64.max), radix: 36) },
                modificationTime: metric.time)
        } catch {
            throw .fileSystem(error)
        }
    }

    /// Reads one entry and checks name, format and expiry.
    private func read(
        _ entry: [UInt8], in directory: FileSystem.Directory, now: Int
    ) throws(ShmMetricError) -> ShmMetric {
        guard let (quantity, asset) = ShmMetricFile.parseName(entry) else {
            throw .badFileName(String(decoding: entry, as: UTF8.self))
        }
        let file: FileSystem.FileContents
        do {
            file = try FileSystem.readFile(entry, in: directory, limit: Self.maximumFileSize)
        } catch {
            switch error {
            case .system(let error): throw .fileSystem(error)
            case .notARegularFile: throw .notARegularFile
            case .tooLarge(let size): throw .fileTooLarge(size: size)
            }
        }
        // Expiry first, as fty-shm: an expired file is deleted even if the rest is malformed.
        if let ttl = ShmMetricFile.ttl(of: file.bytes), ttl != 0, now - file.modificationTime > ttl {
            throw .expired(ttl: ttl, age: now - file.modificationTime)
        }
        let content = try ShmMetricFile.parse(file.bytes)
        return ShmMetric(
            quantity: quantity, asset: asset, value: content.value, unit: content.unit, ttl: content.ttl,
            time: file.modificationTime, aux: content.aux)
    }

    /// Deletes an expired file when autoclean is on; true if it was deleted.
    private func removeExpired(_ entry: [UInt8], in directory: FileSystem.Directory) -> Bool {
        guard autoclean else { return false }
        // A failure (another reader deleted it first, read-only store) only means it stays.
        return (try? directory.unlink(entry)) ?? false
    }
}
