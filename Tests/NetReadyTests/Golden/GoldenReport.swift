import Foundation
import NetReady
import Testing

/// The saved real reports in Tests/NetReadyTests/Fixtures (written by the netready of the commit that
/// added them), and the shape comparison of a fresh run against one of them.
enum GoldenReport {
    static let directory = NetReadyBinary.packageRoot.appendingPathComponent("Tests/NetReadyTests/Fixtures")

    static func url(_ name: String) -> URL { directory.appendingPathComponent(name + ".json") }

    static func json(_ text: String) throws -> [String: JSONValue] {
        try JSONDecoder().decode([String: JSONValue].self, from: Data(text.utf8))
    }

    /// The probes of a report by URI, with `normalize` applied to the URI (e.g. loopback ports); URIs that
    /// normalise alike are told apart by their order (`udp://127.0.0.1:PORT`, `udp://127.0.0.1:PORT #2`).
    static func probes(_ report: [String: JSONValue], normalize: (String) -> String = { $0 }) -> [String: JSONValue] {
        var probes: [String: JSONValue] = [:]
        for target in report["targets"]?.arrayValue ?? [] {
            for probe in target["probes"]?.arrayValue ?? [] {
                let uri = normalize(probe["uri"]?.stringValue ?? "")
                var key = uri
                var occurrence = 1
                while probes[key] != nil {
                    occurrence += 1
                    key = "\(uri) #\(occurrence)"
                }
                probes[key] = probe
            }
        }
        return probes
    }

    /// Every difference in keys and value types between a fresh report and a fixture: per probe (matched by
    /// normalised URI; each fresh probe must have its fixture twin with the same status and reason, so the
    /// same code paths are compared), and for the rest of the report.
    static func differences(
        fresh: [String: JSONValue], fixture: [String: JSONValue], normalize: (String) -> String = { $0 }
    ) -> [String] {
        var found: [String] = []
        let expected = probes(fixture, normalize: normalize)
        let actual = probes(fresh, normalize: normalize)
        if actual.isEmpty { found.append("the fresh run has no probes") }
        for (uri, probe) in actual.sorted(by: { $0.key < $1.key }) {
            guard let twin = expected[uri] else {
                found.append("\(uri): not in the fixture")
                continue
            }
            // pass and warn are one outcome here: behind the lab's rotating NAT pool a STUN server's RFC 5780
            // mapping verdict (a warn when it needs a relay) varies from run to run, the keys do not.
            let outcome = { (probe: JSONValue) in
                let status = probe["status"]?.stringValue ?? ""
                return "\(status == "warn" ? "pass" : status)/\(probe["reason"]?.stringValue ?? "null")"
            }
            guard outcome(probe) == outcome(twin) else {
                let message = probe["message"]?.stringValue ?? ""
                found.append("\(uri): \(outcome(probe)) where the fixture has \(outcome(twin)): \(message)")
                continue
            }
            found += ReportShape(probe).differences(from: ReportShape(twin)).map { "\(uri)\($0)" }
        }
        var rest = fresh
        var fixtureRest = fixture
        rest["targets"] = nil
        fixtureRest["targets"] = nil
        found += ReportShape(.object(rest)).differences(from: ReportShape(.object(fixtureRest))).map { "report\($0)" }
        return found
    }
}
