import Foundation
import NetReadyHTTP
import NetReadyPosix

/// `http://` and `https://`: `samples` GETs with redirects followed, each judged on its status
/// (`expect_status`, default 200-399), proxy answers and TLS findings, timed phase by phase.
package struct HTTPProber: Prober {
    private let client: HTTPClient

    package init(client: HTTPClient = .shared) {
        self.client = client
    }

    package func run(_ probe: PlannedProbe, context: ProbeContext) async -> ProbeResult {
        var result = ProbeResult(probe: probe)
        let https = probe.uri.kind == .https
        var options = Self.requestOptions(probe: probe, context: context)
        if Self.resolvesItself(probe, options: options) {
            // netready's resolver, not libcurl's: the lookup is recorded and judged like every other
            // probe's (dns.timeout, dns.servfail, dns.sinkhole... instead of curl's one "could not
            // resolve"), and libcurl connects to exactly those addresses.
            let port = probe.uri.port ?? (https ? 443 : 80)
            guard let addresses = await probe.resolveAddresses(into: &result, context: context, port: port) else {
                return result
            }
            options.resolve = [
                "\(probe.uri.bracketedHost):\(port):"
                    + addresses.map { $0.family == .inet6 ? "[\($0.ip)]" : $0.ip }
                    .joined(separator: ",")
            ]
        }
        let url = probe.uri.raw
        // The proxy libcurl will go through for this URL (if any): a failure to reach it is the proxy's, not the
        // destination's.
        let proxy = ProxySettings(option: options.proxy).proxy(scheme: https ? "https" : "http", host: probe.uri.host)
        var observations: [(at: Date, exchange: HTTPExchange, verdict: HTTPVerdict)] = []
        for index in 0..<probe.samples {
            if index > 0 { try? await Task.sleep(for: context.options.sampleInterval) }
            let started = Date()
            guard
                let exchange = await context.budget.withSlot(
                    host: probe.uri.host,
                    {
                        await client.get(url, options: options)
                    })
            else { break }
            let verdict = HTTPVerdict.judge(
                exchange, https: https, expect: probe.spec.expectStatus, expectedIssuers: probe.spec.issuer,
                proxy: proxy.map(ProxySettings.withoutCredentials))
            observations.append((started, exchange, verdict))
        }
        guard !observations.isEmpty else {
            result.status = .skip
            result.message = "not probed: the run stopped before the first attempt"
            return result
        }
        // A certificate that failed verification is not described by libcurl: look at it once
        // more without verifying, so the report can name its issuer.
        if https, observations.allSatisfy({ $0.exchange.certificates.isEmpty }),
            let failed = observations.firstIndex(where: { $0.verdict.reason?.family == "tls" }),
            observations[failed].verdict.reason != .tlsReset, observations[failed].verdict.reason != .tlsTimeout
        {
            var peek = options
            peek.verifyPeer = false
            peek.connectOnly = true
            let certificates = await client.get(url, options: peek).certificates
            if !certificates.isEmpty {
                for index in observations.indices where observations[index].exchange.failure != nil {
                    observations[index].exchange.certificates = certificates
                    observations[index].verdict = HTTPVerdict.judge(
                        observations[index].exchange, https: https, expect: probe.spec.expectStatus,
                        proxy: proxy.map(ProxySettings.withoutCredentials))
                }
            }
        }
        record(observations, https: https, proxy: proxy, into: &result)
        return result
    }

    /// Whether a proxy variable libcurl reads is set in this process's environment (read once).
    static let environmentHasProxy = ProxySettings(option: nil).isConfigured

    /// Whether netready resolves the host for libcurl: a name (not an address literal), and no proxy, which
    /// would resolve it on its own side.
    static func resolvesItself(_ probe: PlannedProbe, options: HTTPRequestOptions) -> Bool {
        options.proxy == nil && !environmentHasProxy && !SocketAddress.isIPLiteral(probe.uri.host)
    }

    static func requestOptions(probe: PlannedProbe, context: ProbeContext) -> HTTPRequestOptions {
        requestOptions(timeout: probe.timeout, context: context)
    }

    /// The run's HTTP settings (proxy, trust, family, source) for one request of `timeout`.
    static func requestOptions(timeout: Duration, context: ProbeContext) -> HTTPRequestOptions {
        var options = HTTPRequestOptions()
        options.timeout = timeout
        options.proxy = context.options.proxy
        options.caFile =
            CABundle.path(for: context.options.caFiles) ?? ProcessInfo.processInfo.environment["SSL_CERT_FILE"]
        options.ipVersion = context.options.family.map { $0 == .inet6 ? 6 : 4 }
        options.sourceAddress = context.options.sourceAddress
        options.interface = context.options.interface
        options.userAgent = "netready (\(HTTPLibrary.version))"
        return options
    }

    private func record(
        _ observations: [(at: Date, exchange: HTTPExchange, verdict: HTTPVerdict)], https: Bool,
        proxy: String?, into result: inout ProbeResult
    ) {
        var latencies: [Duration] = []
        for observation in observations {
            let answered = observation.exchange.failure == nil
            let ms = answered ? observation.exchange.timings.total * 1000 : nil
            if let ms { latencies.append(.microseconds(Int64(ms * 1000))) }
            result.attempts.append(
                Attempt(
                    at: observation.at, ms: ms, outcome: observation.verdict.reason?.rawValue ?? "ok",
                    address: observation.exchange.primaryIP))
        }
        result.latencyMs = LatencySummary(durations: latencies)
        let last = observations.last { $0.exchange.failure == nil } ?? observations[observations.count - 1]
        result.address = last.exchange.primaryIP
        result.observations.http = HTTPObservation(exchange: last.exchange, https: https, proxy: proxy)

        let failures = observations.filter { $0.verdict.reason != nil && !$0.verdict.isWarning }
        let warning = observations.last { $0.verdict.isWarning }?.verdict
        let counts = Dictionary(grouping: failures, by: { $0.verdict.reason! })
        let dominant = counts.max { $0.value.count < $1.value.count }?.value[0]
        let total = observations.count
        if let dominant, failures.count == total {
            result.status = .fail
            result.reason = dominant.verdict.reason
            result.message = dominant.verdict.message
        } else if let dominant {
            result.status = .warn
            result.reason = dominant.verdict.reason
            result.message = PartialFailure.words(failures.count, of: total) + ": " + dominant.verdict.message
        } else if let warning {
            result.status = .warn
            result.reason = warning.reason
            result.message = warning.message
        } else {
            result.status = .pass
            let p50 = result.latencyMs.map { String(format: ", total p50 %.2f ms", $0.p50) } ?? ""
            let version = last.exchange.httpVersion.map { " HTTP/\($0)" } ?? ""
            result.message = "\(last.verdict.message)\(version)\(p50)"
        }
    }
}
