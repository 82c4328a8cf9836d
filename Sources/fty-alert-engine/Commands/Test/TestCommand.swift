import ArgumentParser

/// `test FILE...`: runs rule test files (issue 13 item 6), like promtool's `test rules`.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Runs rule test files: a rule or a template, input series, the alert transitions expected.",
        discussion: """
            Each FILE (JSON, see fty-alert-engine(8) RULE TESTS) runs on the engine's own core on a \
            virtual clock, with no bus. Prints, per file, Unit Testing: FILE then SUCCESS, or FAILED: \
            with a diff of expected vs got. Exit status 0 when all pass, 1 if any fails, 2 if a file \
            cannot be read or is not a test file.
            """)

    @Argument(help: ArgumentHelp("Rule test files (JSON).", valueName: "file"))
    var files: [String]

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("at least one FILE is needed") }
    }

    func run() throws {
        var failed = false
        var unreadable = false
        for path in files {
            do throws(RuleTestError) {
                let result = try RuleTestRunner.run(path: path)
                Console.out(result.text)
                if !result.succeeded { failed = true }
            } catch {
                Console.error("\(error)")
                unreadable = true
            }
        }
        if unreadable { throw ExitCode(2) }
        if failed { throw ExitCode.failure }
    }
}
