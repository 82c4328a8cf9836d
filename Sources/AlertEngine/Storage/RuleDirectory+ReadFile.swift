extension RuleDirectory {
    /// Reads the rule file `file` (one reported by ``RuleDirectoryWatcher``), unparsed.
    ///
    /// Same limits as ``list()``: a regular file of at most ``maximumFileSize`` bytes.
    public func read(_ file: RuleFileName) throws(RuleDirectoryError) -> [UInt8] {
        let directory: FileSystem.Directory
        do {
            directory = try FileSystem.Directory(path)
        } catch {
            throw .fileSystem(error)
        }
        do {
            return try FileSystem.readFile(Array(file.fileName.utf8), in: directory, limit: Self.maximumFileSize).bytes
        } catch {
            switch error {
            case .system(let error): throw .fileSystem(error)
            case .notARegularFile: throw .notARegularFile(path: path(of: file))
            case .tooLarge(let size): throw .fileTooLarge(path: path(of: file), size: size)
            }
        }
    }
}
