import AlertEngine
import ArgumentParser

/// `rules list [all|threshold|single|pattern] [--class C]`: LIST (engine.md §9.2).
struct RulesListCommand: BusSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Lists the rules of a type (default: all), optionally of one rule_class.")

    @Argument(help: ArgumentHelp("all, threshold, single or pattern.", valueName: "type"))
    var type = "all"

    @Option(name: .customLong("class"), help: ArgumentHelp("Only rules whose rule_class is exactly this.", valueName: "class"))
    var ruleClass: String?

    @OptionGroup var bus: BusOptions

    func execute(_ session: BusSession) throws(CommandFailure) {
        var frames = ["LIST", type]
        if let ruleClass { frames.append(ruleClass) }
        switch try RulesMailbox.ask(session, frames.map { Array($0.utf8) }) {
        case .error(let reason):
            throw RulesMailbox.refusal(reason, json: bus.json)
        case .answer(let head, let rest):
            // §9.2: ["LIST", type, class-or-"", json1, …].
            guard head == "LIST", rest.count >= 2 else { throw RulesMailbox.unexpected(head, expected: "LIST") }
            let documents = rest.dropFirst(2)
            if bus.json {
                Console.out(JSONOutput.compact(.array(documents.map(JSONOutput.document))))
            } else if documents.isEmpty {
                Console.out("no rules")
            } else {
                RuleSummary.table(documents.map(RuleSummary.init)).forEach(Console.out)
            }
        }
    }
}
