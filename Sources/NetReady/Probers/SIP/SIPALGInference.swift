import NetReadyPosix
import NetReadyWire

/// Settles the SIP ALG question a `sip:` probe leaves open (the server named this host's own address and did not
/// echo the request) with the whole run's NAT evidence, once every probe is in.
///
/// When the same run shows flows from this host leaving from another address of the same family (a STUN or TURN
/// mapped address, egress discovery, the same SIP server over another transport naming a different `received=`),
/// the server cannot have seen this host's own address: something on the path rewrote the request on the way out
/// and mapped the answer back, which is what a SIP ALG (nf_nat_sip, for one) does. With no such evidence the
/// question stays open: `details.alg.detected` null, "undetermined: no NAT evidence in this run".
enum SIPALGInference {
    /// `results` with every open SIP ALG question settled; `discovered` is the egress discovery's observations,
    /// `localAddresses` this host's own interface addresses (an address among them shows no translation).
    static func apply(
        to results: [ProbeResult], discovered: [EgressObservation], localAddresses: Set<String>
    ) -> [ProbeResult] {
        guard results.contains(where: { $0.observations.sip?.alg?.undetermined == true }) else { return results }
        let translated = (discovered.filter { !$0.isResolverAddress } + MappedAddressObservations.collect(from: results))
            .filter { !localAddresses.contains($0.ip) }
        return results.map { settle($0, results: results, translated: translated) }
    }

    /// This host's interface addresses, canonical.
    static func localAddresses() -> Set<String> {
        let interfaces = (try? NetworkInterface.all()) ?? []
        return Set(interfaces.flatMap(\.addresses).compactMap(EgressAddressText.canonical))
    }

    private static func settle(
        _ result: ProbeResult, results: [ProbeResult], translated: [EgressObservation]
    ) -> ProbeResult {
        guard var findings = result.observations.sip?.alg, findings.undetermined, let server = serverIP(result) else {
            return result
        }
        let family = server.contains(":") ? "ipv6" : "ipv4"
        // The same server over another transport is the closest evidence: an ALG usually handles only one.
        let sameServer = results.filter { $0.uri != result.uri && serverIP($0) == server }.flatMap { other in
            (other.observations.sip?.mappedAddresses ?? []).compactMap { mapped in
                EgressAddressText.canonical(mapped.host).map { ($0, other.observations.sip?.transport ?? "?") }
            }
        }
        let elsewhere = translated.filter { $0.family == family }
        var updated = result
        let nat: String?
        let words: String
        if let (ip, transport) = sameServer.first {
            nat = ip
            words = "over \(transport) the same server saw this host as \(ip): flows from here are translated, "
                + "yet over \(result.observations.sip?.transport ?? "this transport") the answer names this host's "
                + "own address, so something on the path rewrote the request and mapped the answer back"
        } else if let commonest = EgressSummarizer.tally(elsewhere).first {
            nat = commonest.ip
            words = "this run saw flows from here leave from \(commonest.ip) (\(commonest.via.joined(separator: ", ")))"
                + ": the server cannot have seen this host's own address unless something on the path rewrote the "
                + "request and mapped the answer back"
        } else {
            nat = nil
            words = ""
        }
        findings.settle(translatedAs: nat, because: words)
        updated.observations.sip?.alg = findings
        guard nat != nil, result.status == .pass || result.status == .warn else { return updated }
        let earlier = result.status == .warn ? "; \(result.message)" : ""
        updated.status = .warn
        updated.reason = .sipALG
        updated.message = "SIP ALG: \(findings.words) (inferred: \(words))\(earlier)"
        return updated
    }

    /// The server's IP, canonical, from the result's `address` (`198.18.0.2:5060`, `[fd77:ff::2]:5060`).
    private static func serverIP(_ result: ProbeResult) -> String? {
        guard result.observations.sip != nil, let address = result.address,
            let parsed = try? SIPHostPort(parsing: address)
        else { return nil }
        return EgressAddressText.canonical(parsed.host)
    }
}
