import AlertEngine
import ArgumentParser
import Foundation

/// `rules add FILE... [--replace OLD_NAME]`: ADD, or ADD with an old name = update (engine.md §9.5, §9.6).
struct RulesAddCommand: BusSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Adds rules from files; with --replace, replaces the rule OLD_NAME by the rule of the one FILE.",
        discussion: "Each file is sent as it is. Every file is tried; the exit status is 1 if the engine refused any.")

    @Argument(help: ArgumentHelp("Rule files (JSON documents).", valueName: "file"))
    var files: [String]

    @Option(name: .long, help: ArgumentHelp("Update: the rule OLD_NAME is replaced (and may be renamed). Needs exactly one FILE.", valueName: "old-name"))
    var replace: String?

    @OptionGroup var bus: BusOptions

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("at least one FILE is needed") }
        if replace != nil && files.count != 1 { throw ValidationError("--replace needs exactly one FILE") }
        for file in files where !FileManager.default.isReadableFile(atPath: file) {
            throw ValidationError("cannot read \(file)")
        }
    }

    func execute(_ session: BusSession) throws(CommandFailure) {
        var results: [JSONValue] = []
        var refused = 0
        for file in files {
            let document: [UInt8]
            do {
                document = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
            } catch {
                throw .unreadableInput(path: file, detail: "\(error.localizedDescription)")
            }
            var frames = [Array("ADD".utf8), document]
            if let replace { frames.append(Array(replace.utf8)) }
            switch try RulesMailbox.ask(session, frames) {
            case .error(let reason):
                refused += 1
                Console.error("\(file): \(reason)")
                results.append(Self.result(file, [("result", .string("ERROR")), ("reason", .string(reason))]))
            case .answer(let head, _):
                guard head == "OK" else { throw RulesMailbox.unexpected(head, expected: "OK") }
                // The engine accepted the document, so its parser reads the name from it.
                let name = (try? RuleParser.parse(document))?.name ?? ""
                if !bus.json {
                    Console.out(replace.map { $0 == name ? "updated \(name)" : "replaced \($0) by \(name)" } ?? "added \(name)")
                }
                results.append(Self.result(file, [("result", .string("OK")), ("rule", .string(name))]))
            }
        }
        if bus.json { Console.out(JSONOutput.compact(.array(results))) }
        if refused > 0 { throw .someRefused(count: refused, of: files.count) }
    }

    private static func result(_ file: String, _ members: [(String, JSONValue)]) -> JSONValue {
        JSONOutput.object([("file", .string(file))] + members)
    }
}
