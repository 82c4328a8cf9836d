import Foundation
import TestSupport
import Testing

/// The man page renders and documents everything the argument parser knows.
///
/// The list of commands and options comes from the built binary itself
/// (`--experimental-dump-help`), so a new option without a line in `man/fty-alert-engine.8`
/// fails here.
@Suite struct ManPageTests {
    static let page = Fixtures.packageRoot.appendingPathComponent("man/fty-alert-engine.8")

    @Test func rendersWithManWithoutWarnings() throws {
        let man = try runTool("/usr/bin/man", ["--warnings", "-l", Self.page.path], environment: ["MANWIDTH": "80"])
        #expect(man.status == 0, "man -l failed: \(man.error)")
        #expect(man.error.isEmpty, "man -l warned: \(man.error)")
        #expect(man.output.contains("SUBCOMMANDS"))
        #expect(man.output.contains("RULE FORMAT"))
        #expect(man.output.contains("EXIT STATUS"))
    }

    @Test func documentsEveryCommandAndOptionOfTheParser() throws {
        let source = try String(contentsOf: Self.page, encoding: .utf8)
        // In roff source a dash is written `\-`; compare against the text with that undone.
        let text = source.replacingOccurrences(of: "\\-", with: "-")
        let dump = try runTool(EngineProcess.executable.path, ["--experimental-dump-help"])
        #expect(dump.status == 0)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.output.utf8)) as? [String: Any])
        let commands = collect(try #require(root["command"] as? [String: Any]), path: [])
        #expect(commands.count > 10, "expected the agent, broker and the CLI subcommands")

        var missing: [String] = []
        for command in commands {
            // `help` is argument-parser's own; it is documented by -h/--help.
            if command.path.last == "help" { continue }
            if !command.path.isEmpty {
                // Each subcommand appears with its parents (`rules delete-element`).
                if !text.contains(command.path.joined(separator: " ")) {
                    missing.append("command \(command.path.joined(separator: " "))")
                }
            }
            for option in command.options where !text.contains(option) {
                missing.append("\(command.path.joined(separator: " ")): \(option)")
            }
        }
        #expect(missing.isEmpty, "not in man/fty-alert-engine.8: \(missing)")
    }

    /// A command path and the spellings of its options (`--endpoint`, `-c`).
    private struct Command {
        var path: [String]
        var options: [String]
    }

    private func collect(_ command: [String: Any], path: [String]) -> [Command] {
        var options: [String] = []
        for argument in command["arguments"] as? [[String: Any]] ?? [] {
            guard (argument["kind"] as? String) != "positional" else { continue }
            for name in argument["names"] as? [[String: Any]] ?? [] {
                guard let spelling = name["name"] as? String, let kind = name["kind"] as? String else { continue }
                options.append(kind == "short" ? "-\(spelling)" : "--\(spelling)")
            }
        }
        var result = [Command(path: path, options: options)]
        for sub in command["subcommands"] as? [[String: Any]] ?? [] {
            if let name = sub["commandName"] as? String {
                result += collect(sub, path: path + [name])
            }
        }
        return result
    }
}

/// What a finished helper program printed.
struct ToolRun {
    var status: Int32
    var output: String
    var error: String
}

/// Runs `executable` to completion and returns its status and both outputs.
func runTool(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> ToolRun {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Read before waiting so a large output cannot fill the pipe and block the child.
    let output = out.fileHandleForReading.readDataToEndOfFile()
    let error = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ToolRun(
        status: process.terminationStatus, output: String(decoding: output, as: UTF8.self),
        error: String(decoding: error, as: UTF8.self))
}
