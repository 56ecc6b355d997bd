import Foundation
import NetReadyPosix

/// The egress allow-list (`--expect-egress CIDR`, `egress: {expect:}`): every egress address must fall in one of
/// the ranges. It is reported as a required target of its own, "Egress allow-list", with one probe of kind
/// `egress`, so the verdict, the exit code, `blocked_required`, JUnit and Prometheus all see it.
package struct EgressAllowList: Sendable {
    /// The ranges as written, with their parsed form.
    package let ranges: [(text: String, network: IPNetwork)]

    /// The target's name in the report.
    package static let targetName = "Egress allow-list"
    /// The probe's URI in the report (stable, so `netready diff` can match it across runs).
    package static let uri = "egress:expect"

    /// Parses `CIDR`s (`203.0.113.0/24`, `2001:db8::/48`, or a bare address); throws naming the first bad one.
    package init(_ cidrs: [String]) throws(EgressAllowListError) {
        var ranges: [(String, IPNetwork)] = []
        for text in cidrs {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            let network: IPNetwork
            do {
                network = try IPNetwork(parsing: trimmed)
            } catch {
                throw EgressAllowListError(value: text, problem: error.description)
            }
            if !ranges.contains(where: { $0.1 == network }) { ranges.append((trimmed, network)) }
        }
        self.ranges = ranges
    }

    /// True when no range was given (nothing to check).
    package var isEmpty: Bool { ranges.isEmpty }

    /// The allow-list's verdict on the egress addresses learned: fail naming every address outside the ranges;
    /// warn for an address of a family no range covers (e.g. IPv6 egress with only IPv4 ranges); skip when no
    /// egress address was learned; pass otherwise.
    package func judge(_ egress: EgressInfo) -> TargetResult {
        var result = ProbeResult(uri: Self.uri, kind: "egress", status: .pass, message: "")
        let expected = ranges.map(\.text).joined(separator: ", ")
        let addresses = egress.addresses.map(\.ip)
        var outside: [String] = []
        var unchecked: [String] = []
        var inside: [String] = []
        for ip in addresses {
            let isIPv6 = ip.contains(":")
            let sameFamily = ranges.filter { $0.text.contains(":") == isIPv6 }
            if sameFamily.isEmpty {
                unchecked.append(ip)
            } else if sameFamily.contains(where: { $0.network.contains(ip) }) {
                inside.append(ip)
            } else {
                outside.append(ip)
            }
        }
        result.observations.egressAllowList = EgressAllowListObservation(
            expected: ranges.map(\.text), inside: inside, outside: outside, unchecked: unchecked)
        if addresses.isEmpty {
            result.status = .skip
            result.message = "no egress address learned, so the allow-list \(expected) could not be checked"
        } else if !outside.isEmpty {
            result.status = .fail
            result.reason = .egressUnexpected
            let verb = outside.count == 1 ? "is" : "are"
            result.message = "egress \(outside.joined(separator: ", ")) \(verb) outside the expected \(expected)"
        } else if !unchecked.isEmpty {
            result.status = .warn
            let family = unchecked[0].contains(":") ? "IPv6" : "IPv4"
            result.message =
                "egress \(unchecked.joined(separator: ", ")) not checked: no \(family) range in the allow-list "
                + "\(expected)"
        } else {
            result.message = "every egress address (\(inside.joined(separator: ", "))) is inside \(expected)"
        }
        return TargetResult(name: Self.targetName, required: true, tags: ["egress"], probes: [result])
    }
}

/// A `--expect-egress` / `egress.expect` value that is not a CIDR block.
package struct EgressAllowListError: Error, CustomStringConvertible {
    /// The value as written.
    package let value: String
    /// What is wrong with it.
    package let problem: String

    package var description: String { "bad egress allow-list entry '\(value)': \(problem)" }
}
