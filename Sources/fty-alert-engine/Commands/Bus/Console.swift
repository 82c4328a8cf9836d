import Foundation

/// Where subcommands write: results on standard output, diagnostics on standard error.
enum Console {
    /// Writes `text` and a newline on standard output.
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Writes `fty-alert-engine: <text>` on standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data("fty-alert-engine: \(text)\n".utf8))
    }
}
