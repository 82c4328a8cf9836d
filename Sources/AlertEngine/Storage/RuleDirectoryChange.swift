/// A change to the rules directory made by someone other than this engine, seen by
/// ``RuleDirectoryWatcher``.
public enum RuleDirectoryChange: Equatable, Sendable {
    /// A rule file was written in place (closed after writing) or moved into the directory:
    /// read and load it.
    case written(RuleFileName)
    /// A rule file was deleted or moved out of the directory.
    case removed(RuleFileName)
    /// The kernel dropped events (inotify queue overflow): list the whole directory again.
    case eventsLost
    /// The directory itself was removed or unmounted; no further events will come.
    case watchEnded
}
