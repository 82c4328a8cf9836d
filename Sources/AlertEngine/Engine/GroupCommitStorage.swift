/// The rules directory as the engine core's storage, able to commit the files of several ADD
/// requests together (decisions.md D6, group commit).
///
/// Outside ``handleAdds(_:core:)`` every call goes straight to the directory: one durable write
/// (two fsyncs) per request, as a lone request needs. Inside it, the core's writes are staged in
/// a ``RuleFileBatch`` and made durable with one flush and one directory fsync for the whole
/// group; only then are the replies built, so an `OK` still means the rule is on disk.
public final class GroupCommitStorage: RuleStorage {
    /// One mailbox request of a group.
    public struct Request {
        /// The message subject.
        public var subject: String
        /// The content frames.
        public var frames: [[UInt8]]
        /// The sender, for log lines.
        public var client: String

        /// Creates a request.
        public init(subject: String, frames: [[UInt8]], client: String) {
            self.subject = subject
            self.frames = frames
            self.client = client
        }
    }

    /// The rules directory.
    public let directory: RuleDirectory
    /// The open batch while a group is handled.
    private var batch: RuleFileBatch?
    /// The file each staged write is for, in staging order.
    private var stagedFiles: [RuleFileName] = []
    /// Groups committed so far, and the rule files they staged (observable by tests and logs).
    public private(set) var groupsCommitted = 0
    /// Rule files committed in groups so far (whether stored or failed).
    public private(set) var filesInGroups = 0

    /// Wraps `directory`.
    public init(directory: RuleDirectory) {
        self.directory = directory
    }

    /// Stages the file inside a group, else writes it durably at once.
    public func write(_ contents: [UInt8], to file: RuleFileName) throws(RuleDirectoryError) {
        guard let batch else { return try directory.write(contents, to: file) }
        try batch.stage(contents, to: file)
        stagedFiles.append(file)
    }

    /// Removes `file` durably (never part of a group).
    @discardableResult
    public func remove(_ file: RuleFileName) throws(RuleDirectoryError) -> Bool {
        try directory.remove(file)
    }

    /// Replaces `old` by `new` durably (never part of a group).
    public func replace(_ old: RuleFileName, with new: RuleFileName, contents: [UInt8]) throws(RuleDirectoryError) {
        try directory.replace(old, with: new, contents: contents)
    }

    /// Handles `requests`, plain ADDs (``EngineCore/isPlainAdd(subject:frames:)``) of `core`,
    /// whose storage this is, in order, committing their rule files together; returns their
    /// outcomes in request order, to be sent only now.
    ///
    /// Each request sees the store as left by those before it (a second ADD of a name gets
    /// `ALREADY_EXISTS`). An ADD whose file fails to stage is answered with the storage error
    /// and inserts nothing, as a lone ADD; one whose file fails in the commit has its rule
    /// removed again and gets the same error, so memory matches the directory either way.
    /// A duplicate of such an ADD in the same group keeps its `ALREADY_EXISTS`: it was handled
    /// while the first one stood.
    public func handleAdds(_ requests: [Request], core: EngineCore) -> [RequestOutcome] {
        let batch = RuleFileBatch(directory: directory)
        self.batch = batch
        stagedFiles = []
        var outcomes: [RequestOutcome] = []
        var stagedBy: [Int] = []  // request index of each staged file
        outcomes.reserveCapacity(requests.count)
        for (index, request) in requests.enumerated() {
            let before = stagedFiles.count
            outcomes.append(core.handleRequest(subject: request.subject, frames: request.frames, client: request.client))
            stagedBy += repeatElement(index, count: stagedFiles.count - before)
        }
        self.batch = nil
        let results = batch.commit()
        groupsCommitted += 1
        filesInGroups += results.count
        for (position, failure) in results.enumerated() {
            guard let failure else { continue }
            let index = stagedBy[position]
            outcomes[index] = core.revokeAdd(
                storedIn: stagedFiles[position], failure: failure, client: requests[index].client)
        }
        stagedFiles = []
        return outcomes
    }

    /// Splits requests into what is handled at once: runs of two or more plain ADDs (a group,
    /// ``handleAdds(_:core:)``) and single requests; `plainAdds[i]` says whether request `i` is
    /// one. The ranges cover every index in order.
    ///
    /// A lone ADD is a single request: it is written and answered as before, with no wait for
    /// a group and syncfs not involved.
    public static func partition(plainAdds: [Bool]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        while start < plainAdds.count {
            var end = start + 1
            if plainAdds[start] {
                while end < plainAdds.count && plainAdds[end] { end += 1 }
            }
            if end - start >= 2 {
                ranges.append(start..<end)
            } else {
                ranges.append(start..<start + 1)
            }
            start = end
        }
        return ranges
    }
}
