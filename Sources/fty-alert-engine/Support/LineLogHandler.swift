#if canImport(Glibc)
import Glibc
#endif
import Logging

/// A swift-log handler writing one line per event to standard error, for the journal or a terminal.
///
/// Journal form (when systemd's `JOURNAL_STREAM` names standard error, see ``JournalStream``):
/// `<6>fty-alert-engine: message rule=ups-1 element=ups-1`; the `<N>` syslog priority prefix
/// gives journald the level (sd-daemon(3)), and journald stamps the time itself.
/// Plain form: `2026-11-21T12:47:04.123Z INFO fty-alert-engine: message rule=ups-1`.
///
/// Metadata (handler, provider, then event: the later wins) is printed as sorted `key=value`
/// pairs, a value quoted when it holds spaces, quotes or `=`. Line breaks and other control
/// characters in the message or values are escaped, so a rule name can never start a line of
/// its own in the journal. Each line is written with one `write(2)`: lines of threads do not mix.
struct LineLogHandler: LogHandler {
    /// How a line is laid out.
    enum Format: Sendable {
        /// `<N>` priority prefix, no time stamp.
        case journal
        /// UTC time stamp and level name.
        case plain
    }

    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    let label: String
    let format: Format
    /// Receives each finished line, newline included.
    let output: @Sendable (String) -> Void
    /// The time stamp of the plain form.
    let timestamp: @Sendable () -> String

    /// Creates a handler; by default lines go to standard error with the current UTC time.
    init(
        label: String, level: Logger.Level, format: Format,
        metadataProvider: Logger.MetadataProvider? = nil,
        timestamp: @escaping @Sendable () -> String = { LineLogHandler.utcTimestamp() },
        output: @escaping @Sendable (String) -> Void = LineLogHandler.writeToStandardError
    ) {
        self.label = label
        self.logLevel = level
        self.format = format
        self.metadataProvider = metadataProvider
        self.timestamp = timestamp
        self.output = output
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let given = event.metadata { merged.merge(given) { $1 } }
        output(line(level: event.level, message: event.message.description, metadata: merged))
    }

    /// The line of one event, newline included.
    func line(level: Logger.Level, message: String, metadata: Logger.Metadata) -> String {
        var text: String
        switch format {
        case .journal: text = "<\(Self.syslogPriority(level))>"
        case .plain: text = "\(timestamp()) \(level.rawValue.uppercased()) "
        }
        text += label
        text += ": "
        text += Self.escaped(message)
        for key in metadata.keys.sorted() {
            text += " \(Self.escaped(key))=\(Self.quoted("\(metadata[key]!)"))"
        }
        text += "\n"
        return text
    }

    /// The syslog priority journald reads from the `<N>` prefix (sd-daemon(3), syslog(3)).
    static func syslogPriority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7  // LOG_DEBUG
        case .info: 6  // LOG_INFO
        case .notice: 5  // LOG_NOTICE
        case .warning: 4  // LOG_WARNING
        case .error: 3  // LOG_ERR
        case .critical: 2  // LOG_CRIT
        }
    }

    /// `text` with control characters written as escapes (`\n`, `\t`, `\u{1B}`, backslash doubled).
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\\" || $0.value == 0x7F }) else {
            return text
        }
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\\": result += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A metadata value, in double quotes (with `"` escaped) when it is empty or holds a space,
    /// a quote or `=`, so that `key=value` pairs can be split again.
    static func quoted(_ value: String) -> String {
        let text = escaped(value)
        guard text.isEmpty || text.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Now as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    static func utcTimestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return utcTimestamp(seconds: now.tv_sec, milliseconds: Int(now.tv_nsec / 1_000_000))
    }

    /// `seconds` since the epoch and `milliseconds` as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    static func utcTimestamp(seconds: Int, milliseconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func pad(_ value: Int32, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))"
            + "T\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2))"
            + ".\(pad(Int32(milliseconds), 3))Z"
    }

    /// Writes `line` to file descriptor 2 in as few `write` calls as it takes (one, for a line
    /// shorter than the pipe buffer).
    @Sendable static func writeToStandardError(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.withUnsafeMutableBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(2, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return  // nowhere left to report it
                }
                offset += written
            }
        }
    }
}
