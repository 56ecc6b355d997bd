import Foundation
import Yams

extension TargetFileParser {
    static let probeKeys = [
        "uri", "expect", "timeout", "samples", "sni", "alpn", "expect_status", "issuer", "username", "credential",
    ]

    /// A probe: a URI string, or a map with `uri:` and options.
    func parseProbe(_ node: Node) throws(TargetFileError) -> ProbeSpec {
        if case .scalar = node {
            let (uri, unset) = try parseURI(node)
            var probe = ProbeSpec(uri: uri, sni: uri.sni, alpn: uri.alpn, location: reader.location(node))
            probe.unsetVariables = unset
            return probe
        }
        guard case .mapping = node else {
            throw reader.error(
                node,
                "expected a probe URI or a map with 'uri:', found "
                    + YAMLNodeReader.describe(node))
        }
        let fields = try reader.fields(node, in: "probe", known: Self.probeKeys)
        let uriNode = try reader.required(fields, "uri", in: "probe", example: "uri: tcp://example.com:443")
        let (uri, unset) = try parseURI(uriNode)
        var probe = ProbeSpec(uri: uri, sni: uri.sni, alpn: uri.alpn, location: reader.location(uriNode))
        probe.unsetVariables = unset
        for key in Self.probeKeys {
            if let keyNode = fields.keyNode(key) { try checkApplies(key, keyNode: keyNode, to: uri) }
        }
        if let node = fields["expect"] { probe.expect = try expectation(node) }
        if let node = fields["timeout"] { probe.timeout = try reader.duration(node, for: "timeout") }
        if let node = fields["samples"] { probe.samples = try reader.integer(node, for: "samples", in: 1...1000) }
        if let node = fields["sni"] {
            let sni = try reader.string(node, for: "sni")
            if let problem = TargetsAddressSyntax.hostNameProblem(sni) {
                throw reader.error(node, "bad sni: \(problem)", fix: "SNI is a DNS name such as example.com")
            }
            probe.sni = sni.lowercased()
        }
        if let node = fields["alpn"] {
            probe.alpn = try reader.strings(node, for: "alpn").flatMap { $0.split(separator: ",") }
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        }
        if let node = fields["expect_status"] { probe.expectStatus = try statusRanges(node) }
        if let node = fields["issuer"] { probe.issuer = try reader.strings(node, for: "issuer") }
        if let node = fields["username"] { probe.username = try secret(node, for: "username") }
        if let node = fields["credential"] { probe.credential = try secret(node, for: "credential") }
        if (probe.username == nil) != (probe.credential == nil) {
            let missing = probe.username == nil ? "username" : "credential"
            throw reader.error(
                fields.keyNode(missing == "username" ? "credential" : "username"),
                "a TURN probe needs both 'username' and 'credential'; '\(missing)' is missing",
                fix: "add \(missing): to the probe, or remove the other")
        }
        return probe
    }

    /// The probe URI, with `${NAME}` references expanded, and the variables it uses that are unset or empty (the
    /// probe is then shown as written and reported as `skip`; the rest of the URI is still checked).
    private func parseURI(_ node: Node) throws(TargetFileError) -> (ProbeURI, [UnsetVariable]) {
        let text = try reader.string(node, for: "uri")
        guard text.contains("${") else {
            do {
                return (try ProbeURI(parsing: text), [])
            } catch {
                throw reader.error(node, error.message, fix: error.fix)
            }
        }
        let expansion: URIVariableExpansion
        do {
            expansion = try URIVariableExpansion(text, environment: environment)
        } catch {
            throw reader.error(node, "uri: \(error.message)", fix: error.fix)
        }
        do {
            let uri = try ProbeURI(parsing: expansion.text)
            guard !expansion.unset.isEmpty else { return (uri, []) }
            return (uri.showingUnsetVariables(expansion, written: text), expansion.unset)
        } catch {
            // Values and stand-ins are shown as the ${NAME} they came from: a value may be private.
            var message = expansion.masked(error.message)
            var fix = error.fix.map(expansion.masked)
            if !expansion.unset.isEmpty {
                let names = expansion.unset.map(\.name).joined(separator: ", ")
                message += " (checked with \(names) unset)"
                fix = (fix.map { $0 + "; " } ?? "")
                    + "a ${NAME} in a URI stands for a host name or part of one, a path or a query value"
            }
            throw reader.error(node, message, fix: fix)
        }
    }

    /// Rejects options that mean nothing for the probe's scheme, e.g. `sni:` on a `udp://` probe.
    private func checkApplies(_ key: String, keyNode: Node, to uri: ProbeURI) throws(TargetFileError) {
        let applies: Bool
        let fix: String
        switch key {
        case "sni", "alpn", "issuer":
            applies = uri.usesTLS
            fix = "'\(key)' applies to TLS probes: tls, https, wss, stuns, turns, sips"
        case "expect_status":
            applies = uri.kind == .http || uri.kind == .https
            fix = "'expect_status' applies to http and https probes"
        case "username", "credential":
            applies = uri.kind == .turn || uri.kind == .turns
            fix = "'\(key)' applies to turn and turns probes"
        default:
            return
        }
        if !applies {
            throw reader.error(keyNode, "'\(key)' does not apply to a \(uri.kind.rawValue): probe", fix: fix)
        }
    }

    private func expectation(_ node: Node) throws(TargetFileError) -> ProbeExpectation {
        let text = try reader.string(node, for: "expect")
        if let value = ProbeExpectation(rawValue: text.lowercased()) { return value }
        throw reader.error(
            node, "expected 'expect' to be reachable or blocked, found '\(text)'",
            fix: "write expect: blocked for a destination that must stay closed")
    }

    /// `username:`/`credential:` with `${ENV}` references resolved.
    private func secret(_ node: Node, for key: String) throws(TargetFileError) -> String {
        let text = try reader.string(node, for: key)
        do {
            return try EnvironmentReferences.expand(text, environment: environment)
        } catch {
            if allowsMissingSecrets, let shown = try? standingIn(text) { return shown }
            throw reader.error(node, "\(key): \(error.message)", fix: error.fix)
        }
    }

    /// `text` with each unset or empty `${NAME}` replaced by a recognisable stand-in such as `unset-turn-credential`.
    private func standingIn(_ text: String) throws(EnvironmentReferences.Failure) -> String {
        try EnvironmentReferences.scan(text) { name in
            if let value = environment[name], !value.isEmpty { return value }
            return URIVariableExpansion.standIn(for: name)
        }
    }

    /// `200`, `[200, 204]`, `"200-399"`, `"2xx"`, or a list of these.
    private func statusRanges(_ node: Node) throws(TargetFileError) -> [ClosedRange<Int>] {
        let items: [Node] = if case .sequence(let list) = node { Array(list) } else { [node] }
        guard !items.isEmpty else { throw reader.error(node, "'expect_status' is empty", fix: "write e.g. 200-399") }
        var ranges: [ClosedRange<Int>] = []
        for item in items {
            let text = try reader.string(item, for: "expect_status")
            for part in text.split(separator: ",") {
                guard let range = Self.statusRange(part.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                    throw reader.error(
                        item, "bad expect_status '\(part)'",
                        fix: "write a status 100-599, a range such as 200-399, or 2xx")
                }
                ranges.append(range)
            }
        }
        return ranges
    }

    /// Parses `200`, `200-399` or `2xx`; `nil` when invalid or outside 100...599.
    static func statusRange(_ text: String) -> ClosedRange<Int>? {
        let valid = 100...599
        func code(_ part: Substring) -> Int? {
            guard part.count == 3, part.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(part),
                valid.contains(value)
            else { return nil }
            return value
        }
        let lower = text.lowercased()
        if lower.count == 3, lower.hasSuffix("xx"), let first = lower.first?.wholeNumberValue, (1...5).contains(first) {
            return first * 100...first * 100 + 99
        }
        let pieces = lower.split(separator: "-", omittingEmptySubsequences: false)
        switch pieces.count {
        case 1:
            return code(pieces[0]).map { $0...$0 }
        case 2:
            guard let low = code(pieces[0]), let high = code(pieces[1]), low <= high else { return nil }
            return low...high
        default:
            return nil
        }
    }
}
