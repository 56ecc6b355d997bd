import Foundation
import NetReadyTLS

/// Reads `TARGET` arguments — target files, directories of them, shipped profiles and probe URIs — into
/// validated ``TargetFile``s.
package enum TargetLoader {
    /// The name and source path of the synthetic file holding probe URIs given as arguments.
    package static let commandLineName = "command line"

    /// Loads every argument, in order.
    ///
    /// Each argument is (1) a `.yaml`, `.yml` or `.json` file, (2) a directory, whose `*.yaml` and `*.yml` files
    /// are read in lexical order (hidden files skipped), (3) the name of a shipped profile (a key of `profiles`,
    /// whose value is the YAML text; its path is `profile:NAME`), or (4) a probe URI. Consecutive URIs form one
    /// synthetic file named `command line`, one required target per URI (named by the URI). No arguments give
    /// no files.
    ///
    /// `allowingMissingSecrets` stands a placeholder in for an unset `${NAME}` in `username:`/`credential:`, so that
    /// files can be shown and linted without their secrets; never for a run. (An unset `${NAME}` in a URI never
    /// fails a file: that probe is reported as `skip`.)
    package static func load(
        arguments: [String], profiles: [String: String], environment: [String: String],
        allowingMissingSecrets: Bool = false
    ) throws(TargetFileError) -> [TargetFile] {
        var files: [TargetFile] = []
        var pendingURIs: [(uri: ProbeURI, argument: Int)] = []
        func flushURIs() {
            if !pendingURIs.isEmpty { files.append(commandLineFile(pendingURIs)) }
            pendingURIs = []
        }
        for (index, argument) in arguments.enumerated() {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) {
                flushURIs()
                if isDirectory.boolValue {
                    let paths = try yamlFiles(inDirectory: argument)
                    for path in paths {
                        files.append(
                            try loadFile(
                                path: path, environment: environment, allowingMissingSecrets: allowingMissingSecrets))
                    }
                } else {
                    files.append(
                        try loadFile(
                            path: argument, environment: environment, allowingMissingSecrets: allowingMissingSecrets))
                }
            } else if let yaml = profiles[argument] {
                flushURIs()
                files.append(
                    try parse(
                        yaml: yaml, path: "profile:\(argument)", environment: environment,
                        allowingMissingSecrets: allowingMissingSecrets))
            } else if let uri = try probeURI(argument, profiles: profiles) {
                pendingURIs.append((uri, index + 1))
            }
        }
        flushURIs()
        return files
    }

    /// Parses target-file text; `path` names it in errors and in ``TargetSource``.
    package static func parse(
        yaml: String, path: String, environment: [String: String], allowingMissingSecrets: Bool = false
    ) throws(TargetFileError) -> TargetFile {
        let parser = TargetFileParser(
            path: path, environment: environment, allowsMissingSecrets: allowingMissingSecrets)
        return try parser.parse(yaml: yaml, name: defaultName(path), sha256: Digest.sha256Hex(yaml.utf8))
    }

    /// Reads and parses one target file.
    package static func loadFile(
        path: String, environment: [String: String], allowingMissingSecrets: Bool = false
    ) throws(TargetFileError) -> TargetFile {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw TargetFileError(location: nil, message: "'\(path)' is a directory, not a target file")
        }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw TargetFileError(
                location: nil,
                message: "cannot read target file '\(path)': "
                    + ((error as NSError).localizedFailureReason ?? error.localizedDescription))
        }
        let bytes = [UInt8](data)
        guard let yaml = String(validating: bytes, as: UTF8.self) else {
            throw invalidUTF8(bytes, path: path)
        }
        let parser = TargetFileParser(
            path: path, environment: environment, allowsMissingSecrets: allowingMissingSecrets)
        return try parser.parse(yaml: yaml, name: defaultName(path), sha256: Digest.sha256Hex(bytes))
    }

    /// The `*.yaml` and `*.yml` files of a directory, in lexical (byte) order, hidden files skipped.
    package static func yamlFiles(inDirectory directory: String) throws(TargetFileError) -> [String] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw TargetFileError(location: nil, message: "cannot list directory '\(directory)'")
        }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        let paths =
            names
            .filter { !$0.hasPrefix(".") && ($0.lowercased().hasSuffix(".yaml") || $0.lowercased().hasSuffix(".yml")) }
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            .map { prefix + $0 }
            .filter { path in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
            }
        guard !paths.isEmpty else {
            throw TargetFileError(
                location: nil, message: "directory '\(directory)' has no .yaml or .yml files",
                fix: "add target files such as \(prefix)playbooks.yaml")
        }
        return paths
    }

    /// The argument as a probe URI; an error when it is neither a URI nor anything else known.
    private static func probeURI(_ argument: String, profiles: [String: String]) throws(TargetFileError) -> ProbeURI? {
        var schemeProblem: ProbeURIError?
        if argument.contains(":") {
            do {
                return try ProbeURI(parsing: argument)
            } catch {
                let scheme = argument.prefix { $0 != ":" }.lowercased()
                if ProbeKind(rawValue: scheme) != nil {
                    throw TargetFileError(location: nil, message: "bad probe URI: \(error.message)", fix: error.fix)
                }
                schemeProblem = error
            }
        }
        let profileList =
            profiles.isEmpty
            ? "no profiles are shipped" : "shipped profiles: " + profiles.keys.sorted().joined(separator: ", ")
        // Quoted without any userinfo: a mistyped URI may still carry a password.
        let shown = ProbeURI.withoutCredentials(argument)
        let message = "'\(shown)' is not a target file, directory, shipped profile or probe URI"
        if let schemeProblem {
            let scheme = shown.prefix { $0 != ":" }
            throw TargetFileError(
                location: nil, message: message + ": unknown probe scheme '\(scheme)'",
                fix: (schemeProblem.fix.map { $0 + "; " } ?? "") + profileList)
        }
        if argument.contains("/") || [".yaml", ".yml", ".json"].contains(where: argument.hasSuffix) {
            throw TargetFileError(location: nil, message: "no such file or directory: '\(shown)'")
        }
        var fix = profileList
        if let near = TargetsEditDistance.nearest(to: argument, in: Array(profiles.keys)) {
            fix = "did you mean '\(near)'? " + fix
        }
        throw TargetFileError(location: nil, message: message, fix: fix)
    }

    /// The synthetic file for consecutive URI arguments.
    private static func commandLineFile(_ uris: [(uri: ProbeURI, argument: Int)]) -> TargetFile {
        var targets: [TargetSpec] = []
        var seen: Set<ProbeURI> = []
        for (uri, argument) in uris where seen.insert(uri).inserted {
            let location = SourceLocation(file: commandLineName, line: 1, column: argument)
            let probe = ProbeSpec(uri: uri, sni: uri.sni, alpn: uri.alpn, location: location)
            targets.append(TargetSpec(name: uri.raw, probes: [probe], location: location))
        }
        let text = uris.map(\.uri.raw).joined(separator: "\n")
        return TargetFile(
            name: commandLineName, targets: targets,
            source: TargetSource(path: commandLineName, sha256: Digest.sha256Hex(text.utf8)))
    }

    /// The file name without directory and extension; the profile name for `profile:NAME`.
    private static func defaultName(_ path: String) -> String {
        if path.hasPrefix("profile:") { return String(path.dropFirst("profile:".count)) }
        let base = (path as NSString).lastPathComponent
        let stem = (base as NSString).deletingPathExtension
        return stem.isEmpty ? base : stem
    }

    /// An error at the line and column of the first byte that is not UTF-8.
    private static func invalidUTF8(_ bytes: [UInt8], path: String) -> TargetFileError {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var line = 1, column = 1
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .emptyInput, .error:
                break decoding
            }
        }
        return TargetFileError(
            location: SourceLocation(file: path, line: line, column: column),
            message: "the target file is not UTF-8 text", fix: "save it as UTF-8")
    }
}
