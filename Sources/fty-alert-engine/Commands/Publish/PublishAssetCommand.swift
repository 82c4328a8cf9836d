import ArgumentParser
import FtyProto

/// `publish asset NAME --type T …`: an fty_proto ASSET on ASSETS (wire.md §4.5, §5.1).
struct PublishAssetCommand: BusSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "asset", abstract: "Publishes an fty_proto ASSET on the ASSETS stream, as the asset agent does.")

    @Argument(help: ArgumentHelp("The asset's internal name, e.g. ups-1.", valueName: "name"))
    var name: String

    @Option(name: .long, help: "aux type, e.g. device, rack, datacenter.")
    var type: String

    @Option(name: .long, help: "aux subtype, e.g. ups, epdu, sensor.")
    var subtype: String?

    @Option(name: .long, help: "create, update, delete, retire or inventory.")
    var operation = "create"

    @Option(name: .long, help: ArgumentHelp("An ext attribute (repeatable), e.g. name=UPS 1 or phases.input=3.", valueName: "key=value"))
    var ext: [String] = []

    @OptionGroup var bus: BusOptions

    func validate() throws {
        for entry in ext where !(entry.firstIndex(of: "=").map { $0 != entry.startIndex } ?? false) {
            throw ValidationError("--ext '\(entry)' is not KEY=VALUE")
        }
    }

    func execute(_ session: BusSession) throws(CommandFailure) {
        var aux = FtyHash()
        aux["type"] = type
        if let subtype { aux["subtype"] = subtype }
        aux["status"] = "active"
        var attributes = FtyHash()
        for entry in ext {
            let equals = entry.firstIndex(of: "=")!
            attributes[String(entry[..<equals])] = String(entry[entry.index(after: equals)...])
        }
        let frame: [UInt8]
        do {
            frame = try FtyProtoCodec.encode(FtyAsset(aux: aux, name: name, operation: operation, ext: attributes))
        } catch {
            throw .bus(endpoint: session.endpoint, detail: "cannot encode the ASSET: \(error)")
        }
        // wire.md §5.1: `<type>.<subtype>@<name>`, `unknown` for a missing part.
        let subject = "\(type.isEmpty ? "unknown" : type).\(subtype.flatMap { $0.isEmpty ? nil : $0 } ?? "unknown")@\(name)"
        try Publication.publish(
            session, stream: FtyStreams.assets, subject: subject, frames: [frame], what: "ASSET \(name) (\(operation))",
            json: bus.json)
    }
}
