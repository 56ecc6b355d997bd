import NetReadyPosix
import NetReadyWire

/// What one resolver said over all the samples of a `dns:` probe, and how that reads.
struct ResolverVerdict {
    let server: SocketAddress
    let samples: [DNSSample]
    /// The sample the verdict rests on: the first that got an answer, else the first.
    let deciding: DNSLookup?
    /// Why this resolver fails the probe, or nil when it answered with usable records.
    let failure: (reason: Reason, message: String)?

    init(server: SocketAddress, samples: [DNSSample], sinkholes: [String]) {
        self.server = server
        self.samples = samples
        let deciding = samples.first { $0.lookup.responseCode != nil }?.lookup ?? samples.first?.lookup
        self.deciding = deciding
        let label = DNSSettings.label(server)
        if let deciding, let failure = deciding.failure {
            self.failure = failure
        } else if let deciding, deciding.records.isEmpty {
            let what = "no \(deciding.type) record for \(deciding.name)"
            self.failure = (.dnsNXDomain, "\(label): \(what) (NOERROR, no data)")
        } else if let deciding,
            let hole = deciding.answers.first(where: { SystemHostResolver.isSinkhole($0, listed: sinkholes) }),
            deciding.type == .a || deciding.type == .aaaa
        {
            self.failure = (.dnsSinkhole, "\(label): \(deciding.name) → \(hole), a sinkhole address")
        } else {
            self.failure = nil
        }
    }

    /// Round trips of the samples that got an answer (any rcode).
    var answeredDurations: [Duration] {
        samples.filter { $0.lookup.responseCode != nil }.map(\.lookup.elapsed)
    }

    /// The answers as a set, to compare resolvers.
    var answerSet: Set<String> { Set(deciding?.answers ?? []) }

    /// One line for the table: `198.18.0.53: 198.18.0.2 (A, TTL 60) in 0.4 ms`.
    var summary: String {
        guard let deciding else { return "\(DNSSettings.label(server)): not asked" }
        let timeouts = samples.filter { $0.lookup.responseCode == nil }.count
        let lost = timeouts > 0 && timeouts < samples.count ? ", \(timeouts) of \(samples.count) unanswered" : ""
        if let failure { return failure.message + lost }
        let answers = deciding.answers
        var shown = answers.prefix(3).joined(separator: ", ")
        if answers.count > 3 { shown += ", … (\(answers.count) records)" }
        let chain = deciding.chain.map { $0 + " → " }.joined()
        let ttl = deciding.ttl.map { ", TTL \($0)" } ?? ""
        let tcp = deciding.transport == "tcp" ? ", over TCP" : ""
        let p50 = LatencySummary(durations: answeredDurations).map { String(format: " in %.1f ms", $0.p50) } ?? ""
        return "\(DNSSettings.label(server)): \(chain)\(shown) (\(deciding.type)\(ttl)\(tcp))\(p50)\(lost)"
    }

    /// The resolver's entry in `details.resolvers`.
    var observation: DNSResolverObservation {
        DNSResolverObservation(
            resolver: DNSSettings.label(server), status: failure == nil ? "pass" : "fail", reason: failure?.reason,
            rcode: deciding?.responseCode?.description, answers: deciding?.answers ?? [],
            transport: deciding?.transport ?? "udp", samples: samples.count, answered: answeredDurations.count,
            ttl: deciding?.ttl.map { Int($0) }, cname: deciding?.chain.isEmpty == false ? deciding?.chain : nil,
            latency: LatencySummary(durations: answeredDurations))
    }
}
