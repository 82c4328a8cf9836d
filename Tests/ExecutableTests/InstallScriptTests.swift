import Foundation
import TestSupport
import Testing

/// `scripts/install` into a scratch DESTDIR with the built executable: the tree, the modes, the
/// unit's keys (engine.md §1) and that files an operator may edit survive a reinstall (issue 6
/// item 5).
@Suite struct InstallScriptTests {
    static let root = Fixtures.packageRoot

    /// The unit's keys the original's unit has (engine.md §1) plus ours (stop signal, timeout,
    /// one hardening key); multi-valued keys are checked separately.
    static let requiredKeys: [(section: String, key: String, value: String)] = [
        ("Unit", "Requires", "network.target malamute.service fty-asset.service"),
        ("Unit", "After", "network.target malamute.service fty-asset.service"),
        ("Unit", "BindsTo", "fty-asset.service"),
        ("Unit", "PartOf", "bios.target"),
        // Issue 12 item 4: notify (the original's simple) so READY=1 and the watchdog count.
        ("Service", "Type", "notify"),
        ("Service", "WatchdogSec", "30s"),
        ("Service", "User", "bios"),
        ("Service", "Restart", "always"),
        ("Service", "Environment", "\"prefix=/usr\""),
        ("Service", "ExecStart", "/usr/bin/fty-alert-engine"),
        ("Service", "KillSignal", "SIGTERM"),
        ("Service", "TimeoutStopSec", "10"),
        ("Service", "NoNewPrivileges", "yes"),
        ("Install", "WantedBy", "bios.target"),
    ]

    static let environmentFiles = [
        "/usr/share/bios/etc/default/bios", "/usr/share/bios/etc/default/bios__%n.conf",
        "/usr/share/fty/etc/default/fty", "/usr/share/fty/etc/default/fty__%n.conf",
        "/etc/default/bios", "/etc/default/bios__%n.conf", "/etc/default/fty", "/etc/default/fty__%n.conf",
    ].map { "-" + $0 }

    @Test func installsTheTreeWithItsModesAndKeepsAnEditedWarrantyRule() throws {
        let destdir = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: destdir) }
        let first = try Self.install("--destdir", destdir, "--binary", EngineProcess.executable.path)
        #expect(first.status == 0, "\(first.output)")

        var expected: [(path: String, mode: Int, source: String)] = [
            ("usr/bin/fty-alert-engine", 0o755, EngineProcess.executable.path),
            ("usr/lib/systemd/system/fty-alert-engine.service", 0o644, "packaging/fty-alert-engine.service"),
            ("usr/lib/tmpfiles.d/fty-alert-engine.conf", 0o644, "packaging/fty-alert-engine.tmpfiles"),
            ("var/lib/fty/fty-alert-engine/warranty.rule", 0o644, "rules/warranty.rule"),
        ]
        let templates = try FileManager.default.contentsOfDirectory(atPath: Self.path("templates"))
            .filter { $0.hasSuffix(".rule") }
        #expect(templates.count == 46)
        expected += templates.map { ("usr/share/bios/fty-autoconfig/\($0)", 0o644, "templates/\($0)") }
        // Issue 12: the expectation templates and the optional rules (the heartbeat's absence rule).
        let expectations = try FileManager.default.contentsOfDirectory(atPath: Self.path("templates/expect"))
        #expect(expectations.count == 3)
        expected += expectations.map { ("usr/share/bios/fty-autoconfig/expect/\($0)", 0o644, "templates/expect/\($0)") }
        let optional = try FileManager.default.contentsOfDirectory(atPath: Self.path("rules/optional"))
        #expect(optional.contains("heartbeat-expected@fty-alert-engine.rule"))
        expected += optional.map { ("usr/share/fty-alert-engine/optional-rules/\($0)", 0o644, "rules/optional/\($0)") }
        // Written by other parts of issue 6; installed when the checkout has them.
        for (source, path) in [
            ("man/fty-alert-engine.8", "usr/share/man/man8/fty-alert-engine.8"),
            ("packaging/fty-alert-engine.cfg", "etc/fty-alert-engine/fty-alert-engine.cfg"),
        ] where FileManager.default.fileExists(atPath: Self.path(source)) {
            expected.append((path, 0o644, source))
        }
        for file in expected {
            let installed = destdir + "/" + file.path
            #expect(try Self.mode(installed) == file.mode, "\(file.path)")
            let source = file.source.hasPrefix("/") ? file.source : Self.path(file.source)
            #expect(FileManager.default.contentsEqual(atPath: installed, andPath: source), "\(file.path)")
        }
        for directory in ["usr/share/bios/fty-autoconfig", "var/lib/fty/fty-alert-engine", "usr/bin"] {
            #expect(try Self.mode(destdir + "/" + directory) == 0o755, "\(directory)")
        }
        let installedFiles = try Self.regularFiles(under: destdir)
        #expect(installedFiles == Set(expected.map(\.path)), "nothing else is installed")

        // A second run replaces what the package owns but keeps the operator's rule.
        let warranty = destdir + "/var/lib/fty/fty-alert-engine/warranty.rule"
        let edited = "{\"pattern\": {\"rule_name\": \"warranty\"}} # edited by the operator\n"
        try edited.write(toFile: warranty, atomically: false, encoding: .utf8)
        let template = destdir + "/usr/share/bios/fty-autoconfig/" + templates[0]
        try "stale".write(toFile: template, atomically: false, encoding: .utf8)
        let second = try Self.install("--destdir", destdir, "--binary", EngineProcess.executable.path)
        #expect(second.status == 0, "\(second.output)")
        #expect(try String(contentsOfFile: warranty, encoding: .utf8) == edited)
        #expect(second.output.contains("kept"))
        #expect(FileManager.default.contentsEqual(atPath: template, andPath: Self.path("templates/" + templates[0])))

        try Self.verifyWithSystemd(destdir)
    }

    @Test func anotherPrefixMovesTheExecutableAndTheUnitFollows() throws {
        let destdir = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: destdir) }
        let result = try Self.install(
            "--destdir", destdir, "--prefix", "/usr/local", "--binary", EngineProcess.executable.path)
        #expect(result.status == 0, "\(result.output)")
        #expect(try Self.mode(destdir + "/usr/local/bin/fty-alert-engine") == 0o755)
        let unit = try Self.unitKeys(destdir + "/usr/local/lib/systemd/system/fty-alert-engine.service")
        #expect(unit.filter { $0.key == "ExecStart" }.map(\.value) == ["/usr/local/bin/fty-alert-engine"])
        // The templates and rules directories are the engine's defaults, whatever the prefix.
        let template = destdir + "/usr/share/bios/fty-autoconfig/onbattery@__device_ups__.rule"
        #expect(FileManager.default.fileExists(atPath: template))
        #expect(FileManager.default.fileExists(atPath: destdir + "/var/lib/fty/fty-alert-engine/warranty.rule"))
    }

    @Test func badArgumentsAreRefusedWithUsageStatus() throws {
        let destdir = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: destdir) }
        for arguments in [["--bogus"], ["--destdir"], ["--prefix", "usr", "--binary", "/bin/true"]] {
            let result = try Self.install(arguments)
            #expect(result.status == 64, "\(arguments): \(result.output)")
            #expect(result.output.contains("usage") || result.output.contains("--prefix"), "\(arguments)")
        }
        let missing = try Self.install("--destdir", destdir, "--binary", destdir + "/no-such-binary")
        #expect(missing.status == 1)
        #expect(missing.output.contains("no executable"))
        #expect(!FileManager.default.fileExists(atPath: destdir + "/usr"), "nothing installed")
    }

    @Test func unitAndTmpfilesHaveTheOriginalsKeys() throws {
        let keys = try Self.unitKeys(Self.path("packaging/fty-alert-engine.service"))
        for required in Self.requiredKeys {
            let values = keys.filter { $0.section == required.section && $0.key == required.key }.map(\.value)
            #expect(values == [required.value], "[\(required.section)] \(required.key)")
        }
        #expect(keys.filter { $0.key == "EnvironmentFile" }.map(\.value) == Self.environmentFiles)
        #expect(Set(keys.map(\.section)) == ["Unit", "Service", "Install"])

        let tmpfiles = try String(contentsOfFile: Self.path("packaging/fty-alert-engine.tmpfiles"), encoding: .utf8)
        let entries = tmpfiles.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
            .map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(entries == ["d /var/lib/fty/fty-alert-engine 0755 bios root", "x /var/lib/fty/fty-alert-engine/*"])
    }

    // MARK: - Helpers

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    static func install(_ arguments: String...) throws -> (status: Int32, output: String) {
        try install(arguments)
    }

    /// Runs `bash scripts/install` with `arguments`; returns its status and stdout + stderr.
    static func install(_ arguments: [String]) throws -> (status: Int32, output: String) {
        try run("/bin/bash", [path("scripts/install")] + arguments)
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? Int ?? -1) & 0o7777
    }

    /// Paths of the regular files under `directory`, relative to it.
    static func regularFiles(under directory: String) throws -> Set<String> {
        var files = Set<String>()
        let enumerator = FileManager.default.enumerator(atPath: directory)
        while let relative = enumerator?.nextObject() as? String {
            if enumerator?.fileAttributes?[.type] as? FileAttributeType == .typeRegular { files.insert(relative) }
        }
        return files
    }

    /// The `Key=Value` lines of a unit file with their sections, comments and blank lines skipped.
    static func unitKeys(_ path: String) throws -> [(section: String, key: String, value: String)] {
        var section = ""
        var keys: [(section: String, key: String, value: String)] = []
        for line in try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty || text.hasPrefix("#") || text.hasPrefix(";") { continue }
            if text.hasPrefix("["), text.hasSuffix("]") {
                section = String(text.dropFirst().dropLast())
            } else if let equals = text.firstIndex(of: "=") {
                keys.append(
                    (section, text[..<equals].trimmingCharacters(in: .whitespaces),
                     text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces)))
            }
        }
        return keys
    }

    /// `systemd-analyze verify` on the installed unit, when the machine has it: inside the
    /// DESTDIR as root (so ExecStart is found there), with stub units for its dependencies.
    /// systemd reports unknown keys and bad values as warnings with status 0: any output fails.
    static func verifyWithSystemd(_ destdir: String) throws {
        guard let analyze = ["/usr/bin/systemd-analyze", "/bin/systemd-analyze"]
            .first(where: FileManager.default.isExecutableFile(atPath:))
        else { return }
        let stubs = destdir + "/etc/systemd/system"
        try FileManager.default.createDirectory(atPath: stubs, withIntermediateDirectories: true)
        for unit in [
            "malamute.service", "fty-asset.service", "network.target", "bios.target", "sysinit.target",
            "basic.target", "shutdown.target",
        ] {
            let body = unit.hasSuffix(".service") ? "[Service]\nExecStart=/usr/bin/fty-alert-engine\n" : "[Unit]\n"
            try body.write(toFile: stubs + "/" + unit, atomically: false, encoding: .utf8)
        }
        let unit = destdir + "/usr/lib/systemd/system/fty-alert-engine.service"
        let result = try run(analyze, ["verify", "--man=no", "--root=" + destdir, unit])
        #expect(result.status == 0 && result.output.isEmpty, "systemd-analyze verify: \(result.output)")
    }
}
