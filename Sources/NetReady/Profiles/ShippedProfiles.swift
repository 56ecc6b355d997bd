import Foundation

/// The profiles shipped in `targets.d/`, read at run time from the `netready_NetReady.resources` bundle that
/// SwiftPM builds beside the binary.
///
/// `Bundle.module` is not used: on Linux it looks only beside the executable and in the build directory, and
/// stops the process with `fatalError` when neither exists. Here a missing bundle is an error that names every
/// path tried, so the CLI can exit 3.
package struct ShippedProfiles: Sendable {
    /// The environment variable naming a directory of `*.yaml` profiles, looked at first.
    package static let environmentVariable = "NETREADY_PROFILES_DIR"
    /// The resource bundle SwiftPM builds for the NetReady target.
    package static let bundleName = "netready_NetReady.resources"

    /// Profile name (file name without `.yaml`) → YAML text.
    package let all: [String: String]
    /// The directory they were read from.
    package let directory: String

    /// Reads the first candidate directory that exists (see ``candidateDirectories(environment:executable:)``).
    package static func locate(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executable: String? = currentExecutable()
    ) throws(ShippedProfilesNotFound) -> ShippedProfiles {
        let candidates = candidateDirectories(environment: environment, executable: executable)
        for directory in candidates {
            if let profiles = read(directory: directory) { return profiles }
        }
        throw ShippedProfilesNotFound(triedPaths: candidates)
    }

    /// Where profiles are looked for, in order: `$NETREADY_PROFILES_DIR`; the resource bundle beside the
    /// executable (a built binary, or an installed copy with its bundle next to it); the bundle, or a plain
    /// `targets.d`, in `../share/netready/` from the executable (an installed copy under a prefix).
    package static func candidateDirectories(environment: [String: String], executable: String?) -> [String] {
        var candidates: [String] = []
        if let directory = environment[environmentVariable], !directory.isEmpty { candidates.append(directory) }
        if let executable {
            let binDirectory = URL(fileURLWithPath: executable).deletingLastPathComponent()
            let share = binDirectory.deletingLastPathComponent().appendingPathComponent("share/netready")
            candidates.append(binDirectory.appendingPathComponent("\(bundleName)/targets.d").path)
            candidates.append(share.appendingPathComponent("\(bundleName)/targets.d").path)
            candidates.append(share.appendingPathComponent("targets.d").path)
        }
        return candidates
    }

    /// The running executable with symbolic links resolved, so a link in `/usr/local/bin` finds the bundle
    /// beside the real file.
    package static func currentExecutable() -> String? {
        guard let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else {
            return Bundle.main.executablePath
        }
        return path
    }

    /// The `*.yaml` files of `directory`, or nil when it cannot be listed or holds none.
    private static func read(directory: String) -> ShippedProfiles? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return nil }
        var all: [String: String] = [:]
        for name in names where name.hasSuffix(".yaml") && !name.hasPrefix(".") {
            let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
            all[String(name.dropLast(5))] = text
        }
        return all.isEmpty ? nil : ShippedProfiles(all: all, directory: directory)
    }
}
