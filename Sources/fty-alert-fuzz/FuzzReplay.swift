#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Runs a fuzz target over saved inputs: the regression mode of `fty-alert-fuzz` (built without
/// `-DFUZZING`), used by FuzzTests and to replay a crash input by hand.
enum FuzzReplay {
    /// Runs `target` over the file at `path`; the finding, if any.
    static func replay(_ target: any FuzzTarget, file path: String) throws -> FuzzFinding? {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        do {
            try target.run(bytes)
            return nil
        } catch {
            return error
        }
    }

    /// The target named by `FUZZ_TARGET`, or by `arguments.first` (then dropped from `arguments`).
    static func selectTarget(_ arguments: inout [String]) -> (any FuzzTarget)? {
        if let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"], !name.isEmpty {
            return FuzzTargets.named(name)
        }
        guard !arguments.isEmpty else { return nil }
        return FuzzTargets.named(arguments.removeFirst())
    }
}

#if FUZZING
/// The target this fuzzing process runs, chosen once by `FUZZ_TARGET` (libFuzzer owns argv).
private let fuzzedTarget: any FuzzTarget = {
    var none: [String] = []
    guard let target = FuzzReplay.selectTarget(&none) else {
        let names = FuzzTargets.all.map(\.name).joined(separator: " ")
        fatalError("set FUZZ_TARGET to one of: \(names)")
    }
    return target
}()

/// libFuzzer's entry point: one input; a finding aborts so libFuzzer keeps the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        try fuzzedTarget.run(input)
    } catch {
        fatalError("fuzz finding in \(fuzzedTarget.name): \(error)")
    }
    return 0
}
#else
/// `fty-alert-fuzz TARGET FILE...`: runs TARGET over each file once; exit 1 on a finding.
@main
struct FuzzMain {
    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        guard let target = FuzzReplay.selectTarget(&arguments) else {
            let names = FuzzTargets.all.map(\.name).joined(separator: " ")
            FileHandle.standardError.write(Data("usage: fty-alert-fuzz TARGET FILE... (TARGET: \(names))\n".utf8))
            exit(64)
        }
        var failed = false
        for path in arguments {
            do {
                if let finding = try FuzzReplay.replay(target, file: path) {
                    print("\(path): \(finding)")
                    failed = true
                }
            } catch {
                print("\(path): cannot read: \(error)")
                failed = true
            }
        }
        exit(failed ? 1 : 0)
    }
}
#endif
