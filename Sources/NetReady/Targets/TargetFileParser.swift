import Foundation
import Yams

/// Walks the YAML tree of one target file and builds a validated ``TargetFile``.
struct TargetFileParser {
    /// The reader, which knows the file path for error locations.
    let reader: YAMLNodeReader
    /// Values for `${ENV}` references.
    let environment: [String: String]
    /// Whether an unset `${NAME}` in `username:`/`credential:` gets a stand-in instead of failing the file
    /// (`targets show`, `targets validate --allow-missing-env`; never for a run).
    let allowsMissingSecrets: Bool
    /// Problems found so far: parsing goes on past a bad section, target or probe, so that one run names them all.
    let problems = TargetFileProblems()

    static let fileKeys = [
        "name", "description", "defaults", "targets", "resolvers", "egress", "sinkholes", "thresholds",
    ]
    static let defaultsKeys = ["timeout", "samples"]
    static let egressKeys = ["servers", "expect"]
    static let targetKeys = ["name", "description", "required", "tags", "probes", "thresholds"]

    init(path: String, environment: [String: String], allowsMissingSecrets: Bool = false) {
        reader = YAMLNodeReader(path: path)
        self.environment = environment
        self.allowsMissingSecrets = allowsMissingSecrets
    }

    /// Parses `yaml`; `name` is used when the file has no `name:`.
    func parse(yaml text: String, name defaultName: String, sha256: String) throws(TargetFileError) -> TargetFile {
        // Windows Notepad starts UTF-8 files with a byte order mark; libyaml (through Yams) then fails on the
        // first `key: value` line. The mark is not content: drop it (columns do not count it either).
        let yaml = text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw reader.error(nil, "the target file is empty", fix: "add 'targets:' with at least one target")
            }
            root = node
        } catch let error as TargetFileError {
            throw error
        } catch let error as YamlError {
            throw YAMLErrorTranslation.translate(error, path: reader.path, yaml: yaml)
        } catch {
            throw TargetFileError(location: reader.location(nil), message: "invalid YAML: \(error)")
        }
        let fields = try reader.fields(root, in: "the target file", known: Self.fileKeys)
        var file = TargetFile(
            name: defaultName, targets: [], source: TargetSource(path: reader.path, sha256: sha256)
        )
        // Sections are checked in file order, so that the first error reported is the first in the file.
        let ordered = fields.entries.sorted { a, b in
            (a.value.key.mark?.line ?? 0, a.value.key.mark?.column ?? 0)
                < (b.value.key.mark?.line ?? 0, b.value.key.mark?.column ?? 0)
        }
        for (key, entry) in ordered {
            problems.recording { () throws(TargetFileError) in try parseSection(key, entry.value, into: &file) }
        }
        problems.recording { () throws(TargetFileError) in
            _ = try reader.required(fields, "targets", in: "the target file", example: "'targets:' with a list of targets")
        }
        if let error = problems.combined { throw error }
        return file
    }

    /// Reads one top-level section into `file`.
    private func parseSection(_ key: String, _ node: Node, into file: inout TargetFile) throws(TargetFileError) {
        switch key {
        case "name":
            file.name = try reader.string(node, for: "name")
        case "description":
            file.description = try reader.string(node, for: "description")
        case "defaults":
            let defaults = try reader.fields(node, in: "defaults", known: Self.defaultsKeys)
            if let timeout = defaults["timeout"] { file.defaultTimeout = try reader.duration(timeout, for: "timeout") }
            if let samples = defaults["samples"] {
                file.defaultSamples = try reader.integer(samples, for: "samples", in: 1...1000)
            }
        case "targets":
            file.targets = try parseTargets(node)
        case "thresholds":
            file.thresholds = try thresholds(node)
        case "resolvers":
            file.resolvers = try addresses(node, for: "resolvers", check: TargetsAddressSyntax.endpointProblem)
        case "sinkholes":
            file.sinkholes = try addresses(node, for: "sinkholes") { text in
                TargetsAddressSyntax.isIPAddress(text) ? nil : "'\(text)' is not an IP address"
            }
        case "egress":
            let egress = try reader.fields(node, in: "egress", known: Self.egressKeys)
            if let servers = egress["servers"] { file.egressServers = try egressServers(servers) }
            if let expect = egress["expect"] {
                file.egressExpect = try addresses(expect, for: "expect", check: TargetsAddressSyntax.cidrProblem)
            }
        default:
            break
        }
    }

    private func parseTargets(_ node: Node) throws(TargetFileError) -> [TargetSpec] {
        let items = try reader.list(node, for: "targets", example: "- name: ...")
        guard !items.isEmpty else {
            throw reader.error(node, "'targets' is empty", fix: "add at least one target with name: and probes:")
        }
        var targets: [TargetSpec] = []
        var firstSeen: [String: SourceLocation] = [:]
        for item in items {
            problems.recording { () throws(TargetFileError) in
                if case .scalar = item, !YAMLNodeReader.isNull(item) {
                    throw reader.error(
                        item,
                        "expected a target (a map with name: and probes:), found "
                            + YAMLNodeReader.describe(item), fix: "list URIs under a target's probes:")
                }
                let (target, nameNode) = try parseTarget(item)
                if let first = firstSeen[target.name] {
                    throw reader.error(
                        nameNode, "duplicate target name '\(target.name)'",
                        fix: "first used at line \(first.line); target names must be unique in a file")
                }
                firstSeen[target.name] = target.location
                targets.append(target)
            }
        }
        return targets
    }

    /// One target, and the node of its name (for duplicate-name errors).
    private func parseTarget(_ node: Node) throws(TargetFileError) -> (TargetSpec, Node) {
        let fields = try reader.fields(node, in: "target", known: Self.targetKeys)
        let nameNode = try reader.required(fields, "name", in: "target", example: "name: My destination")
        let name = try reader.string(nameNode, for: "name")
        let what = "target '\(name)'"
        let probesNode = try reader.required(fields, "probes", in: what, example: "probes: with a list of probe URIs")
        let probeItems = try reader.list(probesNode, for: "probes", example: "tcp://example.com:443")
        guard !probeItems.isEmpty else {
            throw reader.error(probesNode, "\(what) has an empty 'probes' list", fix: "add at least one probe URI")
        }
        var target = TargetSpec(name: name, probes: [], location: reader.location(node))
        if let node = fields["description"] { target.description = try reader.string(node, for: "description") }
        if let node = fields["required"] { target.required = try reader.bool(node, for: "required") }
        if let node = fields["tags"] { target.tags = try reader.strings(node, for: "tags") }
        if let node = fields["thresholds"] { target.thresholds = try thresholds(node) }
        for item in probeItems {
            problems.recording { () throws(TargetFileError) in target.probes.append(try parseProbe(item)) }
        }
        return (target, nameNode)
    }

    /// A list of strings each checked by `check`, which returns the problem or `nil`.
    private func addresses(
        _ node: Node, for key: String, check: (String) -> String?
    ) throws(TargetFileError) -> [String] {
        let items = try reader.list(node, for: key, example: "...")
        var values: [String] = []
        for item in items {
            let text = try reader.string(item, for: key).trimmingCharacters(in: .whitespacesAndNewlines)
            if let problem = check(text) { throw reader.error(item, "bad entry in '\(key)': \(problem)") }
            values.append(text)
        }
        return values
    }

    private func egressServers(_ node: Node) throws(TargetFileError) -> [String] {
        let items = try reader.list(node, for: "servers", example: "stun:stun.example.com:3478")
        var values: [String] = []
        for item in items {
            let text = try reader.string(item, for: "servers")
            let uri: ProbeURI
            do {
                uri = try ProbeURI(parsing: text)
            } catch {
                throw reader.error(item, error.message, fix: error.fix)
            }
            if let problem = EgressDiscovery.serverProblem(uri) { throw reader.error(item, problem) }
            values.append(uri.raw)
        }
        return values
    }
}
