import AlertEngine
import ArgumentParser
import Foundation

/// `check FILE...`: offline validation of rule and template files, for CI and pre-commit hooks.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validates rule and template files offline, with the engine's own parser and Lua sandbox.",
        discussion: """
            Prints one line per problem, FILE: REASON: detail, where REASON is what the engine's ADD \
            would answer (BAD_JSON, BAD_LUA, …). A file named …@__type__.rule is a template: its \
            placeholders are filled with sample values first. Exit status 1 if any problem, else 0.
            """)

    @Argument(help: ArgumentHelp("Rule or template files.", valueName: "file"))
    var files: [String]

    @Flag(name: .long, help: "Print one JSON array describing every file.")
    var json = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("at least one FILE is needed") }
    }

    func run() throws {
        let results = files.map { path in
            guard let data = FileManager.default.contents(atPath: path) else {
                return CheckedFile(
                    path: path, isTemplate: false, ruleName: nil, destination: RuleFileCheck.engine,
                    problems: [CheckProblem(reason: "UNREADABLE", detail: "cannot read the file")])
            }
            return RuleFileCheck.check(path: path, contents: Array(data))
        }
        if json {
            Console.out(JSONOutput.compact(.array(results.map(Self.json))))
        } else {
            for result in results {
                for problem in result.problems { Console.out("\(result.path): \(problem.reason): \(problem.detail)") }
            }
        }
        if results.contains(where: { !$0.problems.isEmpty }) { throw ExitCode.failure }
    }

    private static func json(_ result: CheckedFile) -> JSONValue {
        JSONOutput.object([
            ("file", .string(result.path)), ("template", .bool(result.isTemplate)),
            ("rule", result.ruleName.map(JSONValue.string) ?? .null), ("destination", .string(result.destination)),
            ("ok", .bool(result.problems.isEmpty)),
            ("problems", .array(result.problems.map {
                JSONOutput.object([("reason", .string($0.reason)), ("detail", .string($0.detail))])
            })),
        ])
    }
}
