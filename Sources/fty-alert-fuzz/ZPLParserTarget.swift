import ZPL

/// The ZPL parser the agent runs on its config file.
struct ZPLParserTarget: FuzzTarget {
    let name = "zpl"

    func run(_ input: [UInt8]) throws(FuzzFinding) {
        guard let roots = try? ZPLParser.parse(String(decoding: input, as: UTF8.self)) else { return }
        _ = roots.flatMap { $0.leaves() }
    }
}
