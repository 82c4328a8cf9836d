import AlertEngine
import ArgumentParser
import Autoconfig
import Foundation

/// `templates list [FILTER]`: autoconfig's LIST (engine.md §11.7).
struct TemplatesListCommand: BusSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Lists the templates whose content contains FILTER (default: all) and the assets each applies to.")

    @Argument(help: ArgumentHelp("A plain substring of the template content, or 'all'.", valueName: "filter"))
    var filter = "all"

    @OptionGroup var bus: BusOptions

    func execute(_ session: BusSession) throws(CommandFailure) {
        let correlation = UUID().uuidString
        let peer = AutoconfigNames.client
        // §11.7: the correlation frame comes back first; it, not the tracker, ties the answer
        // to the request.
        let reply = try session.request(
            peer, subject: EngineNames.rulesSubject, frames: ["LIST", correlation, filter].map { Array($0.utf8) },
            isAnswer: { $0.content.first == Array(correlation.utf8) })
        let strings = reply.map { String(decoding: $0, as: UTF8.self) }
        guard strings.count >= 3, strings[1] == "LIST", (strings.count - 3) % 3 == 0 else {
            throw .unexpectedAnswer(peer: peer, detail: "not [correlation, LIST, filter, (name, content, devices)…]")
        }
        var templates: [(name: String, content: String, devices: [String])] = []
        for index in stride(from: 3, to: strings.count, by: 3) {
            let devices = strings[index + 2].split(separator: ",").map(String.init)
            templates.append((strings[index], strings[index + 1], devices))
        }
        templates.sort { $0.name < $1.name }
        if bus.json {
            let values = templates.map {
                JSONOutput.object([
                    ("name", .string($0.name)), ("devices", JSONOutput.strings($0.devices)), ("content", .string($0.content)),
                ])
            }
            Console.out(JSONOutput.compact(.array(values)))
        } else if templates.isEmpty {
            Console.out("no templates")
        } else {
            for template in templates {
                Console.out(template.devices.isEmpty ? template.name : "\(template.name)  \(template.devices.joined(separator: ","))")
            }
        }
    }
}
