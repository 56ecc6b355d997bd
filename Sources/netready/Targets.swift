import ArgumentParser
import Foundation
import NetReady

/// `netready targets list|validate|show`: inspect target files without probing anything.
struct Targets: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List shipped profiles, validate target files, or show what a run would probe.",
        subcommands: [List.self, Validate.self, Show.self]
    )

    /// `targets list`: the shipped profiles, or the targets of the given files.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List shipped profiles, or the targets of TARGETs.")

        @Argument(help: "Target files, directories, profile names or probe URIs.", completion: Completions.targets)
        var targets: [String] = []

        func run() async throws {
            if targets.isEmpty {
                let located = Result { () throws(ShippedProfilesNotFound) -> ShippedProfiles in
                    try ShippedProfiles.locate()
                }
                if case .failure(let missing) = located { throw CommandFailure.tool(missing.description) }
                let profiles = try located.get()
                for name in profiles.all.keys.sorted() {
                    let file = try TargetArguments.load([name])[0]
                    print("\(name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(file.description ?? "")")
                }
                return
            }
            for file in try TargetArguments.load(targets) {
                for target in file.targets {
                    let required = target.required ? "required" : "optional"
                    print("\(file.name)\t\(target.name)\t\(required)\t\(target.probes.count) probes")
                }
            }
        }
    }

    /// `targets validate`: every file checked, every bad one named with file:line:column; exit 2 if any was bad.
    struct Validate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check target files; name every bad one with file:line:column and exit 2.")

        @Argument(help: "Target files, directories, profile names or probe URIs.", completion: Completions.targets)
        var targets: [String] = []

        @Flag(
            name: .customLong("allow-missing-env"),
            help: "Accept ${NAME} references to unset variables (lint files in CI without their secrets).")
        var allowMissingEnvironment = false

        func run() async throws {
            // Each file on its own, directories opened, so one bad file does not hide the next.
            var bad = 0
            for argument in targets.isEmpty ? [TargetArguments.defaultProfile] : targets {
                for item in Self.items(argument) {
                    do {
                        for file in try TargetArguments.load([item], allowingMissingEnvironment: allowMissingEnvironment)
                        {
                            let probes = file.targets.reduce(0) { $0 + $1.probes.count }
                            print("ok: \(file.source.path): \(file.targets.count) targets, \(probes) probes")
                        }
                    } catch let failure as CommandFailure {
                        bad += 1
                        FileHandle.standardError.writeIfPossible(failure.message + "\n")
                    }
                }
            }
            if bad > 0 {
                FileHandle.standardError.write(Data("netready: \(bad) bad target \(bad == 1 ? "file" : "files")\n".utf8))
                throw ExitCode(ExitStatus.usage)
            }
        }

        /// A directory's target files one by one; any other argument as it is.
        private static func items(_ argument: String) -> [String] {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory), isDirectory.boolValue,
                let paths = try? TargetLoader.yamlFiles(inDirectory: argument), !paths.isEmpty
            else { return [argument] }
            return paths
        }
    }

    /// `targets show`: every probe a run would make, in canonical form, credentials hidden.
    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the probes a run would make.")

        @Argument(help: "Target files, directories, profile names or probe URIs.", completion: Completions.targets)
        var targets: [String] = []

        func run() async throws {
            let registry = ProberRegistry.standard
            // Showing never prints a secret, so it needs none: unset ${NAME}s in secrets get a placeholder.
            for file in try TargetArguments.load(targets, allowingMissingEnvironment: true) {
                print("# \(file.name) (\(file.source.path), sha256 \(file.source.sha256.prefix(12)))")
                if let description = file.description { print("# \(description)") }
                for target in file.targets {
                    print("\(target.name)\(target.required ? "" : " (optional)")")
                    for probe in target.probes {
                        var notes: [String] = []
                        if probe.expect == .blocked { notes.append("expect blocked") }
                        if probe.credential != nil { notes.append("with credential") }
                        if !registry.supports(probe.uri.kind) { notes.append("not available in this build") }
                        if !probe.unsetVariables.isEmpty {
                            notes.append("skipped: " + probe.unsetVariables.map(\.problem).joined(separator: ", "))
                        }
                        let suffix = notes.isEmpty ? "" : "  [" + notes.joined(separator: "; ") + "]"
                        print("  \(probe.uri)\(suffix)")
                    }
                }
                if !file.egressServers.isEmpty || !file.egressExpect.isEmpty {
                    print("Egress (discovery, not a target)")
                    for server in file.egressServers { print("  server \(server)") }
                    for range in file.egressExpect { print("  expect \(range)") }
                }
            }
        }
    }
}
