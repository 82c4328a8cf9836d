import AliveProbes
import ArgumentParser
import Foundation

/// `fty-alert-engine probes list|add|remove`: the alive probes' registry, edited in the probes
/// file itself under its lock (a running agent picks the change up within one sweep).
struct ProbesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probes", abstract: "Lists, adds or removes alive probes in the probes file.",
        subcommands: [ProbesListCommand.self, ProbesAddCommand.self, ProbesRemoveCommand.self])
}

/// The probes file: `--probes-file`, else `FTY_ALERT_ENGINE_PROBES_FILE`.
struct ProbesFileOption: ParsableArguments {
    @Option(name: .long, help: "The probes file [env: FTY_ALERT_ENGINE_PROBES_FILE].")
    var probesFile: String?

    func path() throws -> String {
        guard let path = probesFile ?? Environment.current["FTY_ALERT_ENGINE_PROBES_FILE"], !path.isEmpty, path != "off" else {
            throw ValidationError("name the probes file with --probes-file or FTY_ALERT_ENGINE_PROBES_FILE")
        }
        return path
    }
}

/// `probes list [--json]`.
struct ProbesListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Lists the registered probes.")
    @OptionGroup var file: ProbesFileOption
    @Flag(name: .long, help: "JSON output.") var json = false

    func run() throws {
        let probes: [ProbeDefinition]
        do { probes = try ProbesStore.load(try file.path()) } catch let error as ProbesError {
            Console.error("\(error)")
            throw ExitCode.failure
        }
        let statuses = probes.map { ProbeStatus($0, expectation: nil) }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(statuses), as: UTF8.self))
            return
        }
        for probe in statuses {
            print("\(probe.name)\t\(probe.machine)\t\(probe.service ?? "-")\t\(probe.periodMilliseconds) ms\t\(probe.rule)")
        }
    }
}

/// `probes add NAME --machine M [--service S] --period P`: prints the generated token once.
struct ProbesAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Registers a probe and prints its token (shown only this once).")
    @OptionGroup var file: ProbesFileOption
    @Argument(help: "The probe's name.") var name: String
    @Option(name: .long, help: "The machine its agent reports for.") var machine: String
    @Option(name: .long, help: "The service of that machine, if the probe watches one.") var service: String?
    @Option(name: .long, help: "The expected period between two reports (10s, 1m).") var period: String

    func run() throws {
        do {
            let (_, token) = try ProbesStore.add(
                ProbeRegistration(name: name, machine: machine, service: service, period: period), to: try file.path())
            print(token)
        } catch let error as ProbesError {
            Console.error("\(error)")
            throw ExitCode.failure
        }
    }
}

/// `probes remove NAME`.
struct ProbesRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Unregisters a probe.")
    @OptionGroup var file: ProbesFileOption
    @Argument(help: "The probe's name.") var name: String

    func run() throws {
        do {
            let removed = try ProbesStore.remove(from: try file.path()) { $0.name == name }
            guard !removed.isEmpty else { throw ProbesError.unknown(name) }
        } catch let error as ProbesError {
            Console.error("\(error)")
            throw ExitCode.failure
        }
    }
}
