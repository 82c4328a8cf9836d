import Foundation
import Testing

@testable import fty_alert_fuzz

/// Replays every kept fuzz input (Tests/FuzzCorpus/TARGET/, findings that were fixed and seeds
/// worth keeping) through the same target code the fuzzer runs, without a sanitizer build: each
/// must be decoded or rejected with a typed error, and every invariant must hold.
@Suite struct FuzzCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FuzzCorpus")

    static func inputs(_ target: String) -> [String] {
        let directory = corpus.appendingPathComponent(target)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.sorted().map { directory.appendingPathComponent($0).path }
    }

    @Test(arguments: FuzzTargets.all.map(\.name))
    func keptInputsRunClean(_ name: String) throws {
        let target = try #require(FuzzTargets.named(name))
        let inputs = Self.inputs(name)
        #expect(!inputs.isEmpty, "Tests/FuzzCorpus/\(name) holds no input")
        for path in inputs {
            let finding = try FuzzReplay.replay(target, file: path)
            #expect(finding == nil, "\(path): \(String(describing: finding))")
        }
    }

    @Test func everyTargetHasAUniqueName() {
        let names = FuzzTargets.all.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names == ["mlm", "fty", "json", "rule", "slre", "zpl", "template", "webhook"])
    }
}
