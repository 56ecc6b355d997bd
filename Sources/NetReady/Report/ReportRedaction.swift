import Foundation

/// `--redact`: one pass over a finished report (and over each streamed result), not one per renderer, so every
/// format says the same. Every IP address anywhere — host facts, messages, details, egress, URIs with an IP
/// literal — becomes a stable pseudonym (``Pseudonyms``), the host's own name `host-1`; usernames and HTTP
/// bodies are dropped; destination host names in URIs stay (they are the vendor's public names).
package struct ReportRedaction: Sendable {
    package let pseudonyms: Pseudonyms

    /// Keys whose values are dropped wherever they appear: who logged in, and what a server sent back.
    static let droppedKeys: Set<String> = ["username", "user", "body"]
    /// Parts of a report that identify nothing (the tool, the schema, times): left as they are.
    static let keptKeys: Set<String> = ["schema", "tool", "started_at", "finished_at", "at", "sha256"]

    package init(pseudonyms: Pseudonyms = Pseudonyms()) { self.pseudonyms = pseudonyms }

    /// The report with every address and the host's name replaced, usernames and bodies gone.
    package func redact(_ report: Report) throws -> Report {
        var redacted = try transform(report)
        // The host's proxy settings are replaced whole: a proxy's name says where the site is.
        redacted.host.proxy = redacted.host.proxy.mapValues { _ in "redacted" }
        return redacted
    }

    /// One result, for NDJSON streamed while the run goes on.
    package func redact(_ result: ProbeResult) throws -> ProbeResult { try transform(result) }

    /// Encodes a value to a JSON tree, rewrites the tree, decodes it back: every string field is reached,
    /// whatever prober or stage wrote it.
    private func transform<Value: Codable>(_ value: Value) throws -> Value {
        let data = try JSONRenderer.encoder(pretty: false).encode(value)
        let tree = try JSONDecoder().decode(JSONValue.self, from: data)
        let rewritten = try JSONEncoder().encode(rewrite(tree))
        return try JSONRenderer.decoder().decode(Value.self, from: rewritten)
    }

    private func rewrite(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): return .string(pseudonyms.redact(text))
        case .array(let elements): return .array(elements.map(rewrite))
        case .object(let members):
            var result: [String: JSONValue] = [:]
            for (key, member) in members where !Self.droppedKeys.contains(key) {
                result[key] = Self.keptKeys.contains(key) ? member : rewrite(member)
            }
            return .object(result)
        case .null, .bool, .int, .double: return value
        }
    }
}

extension Report {
    /// What `--redact` writes if its pass ever failed: counts and verdicts only, every text that could name an
    /// address withheld — never the unredacted report.
    static func unredactable(_ report: Report) -> Report {
        var stripped = report
        stripped.host = HostInfo(hostname: "redacted", os: report.host.os, interfaces: [], resolvers: [], proxy: [:])
        stripped.egress = EgressInfo(notes: ["withheld: the redaction pass failed"])
        stripped.targets = report.targets.map { target in
            var target = target
            target.probes = target.probes.map { probe in
                ProbeResult(
                    uri: probe.kind, kind: probe.kind, status: probe.status, reason: probe.reason,
                    message: "withheld: the redaction pass failed")
            }
            return target
        }
        stripped.summary.blockedRequired = []
        return stripped
    }
}
