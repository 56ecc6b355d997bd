import NetReadyHTTP

/// What one HTTP(S) exchange means for the probe: a reason (nil when it passed) and a message.
struct HTTPVerdict: Equatable {
    var reason: Reason?
    var message: String
    /// The exchange worked but something needs attention soon (a certificate about to expire): a `warn`.
    var isWarning = false

    /// Whether `issuer` looks like a TLS-inspection product's CA (the list tls:// uses too).
    static func looksLikeInspection(_ issuer: String) -> Bool {
        InspectionProducts.match([issuer]) != nil
    }

    /// Headers that show a 403 came from a proxy's block page rather than the origin.
    static func isProxyBlockPage(_ head: HTTPResponseHead) -> Bool {
        if head.header("X-Squid-Error") != nil || head.header("Proxy-Agent") != nil || head.header("Via") != nil {
            return true
        }
        let server = head.header("Server")?.lowercased() ?? ""
        return ["squid", "tinyproxy", "bluecoat", "zscaler"].contains { server.contains($0) }
    }

    /// Judges `exchange` for a probe of `kind` that expects one of `expect` (default 200-399); `proxy` is the
    /// proxy the request went through (credentials removed), if any.
    static func judge(
        _ exchange: HTTPExchange, https: Bool, expect: [ClosedRange<Int>],
        expectedIssuers: [String] = [], proxy: String? = nil
    ) -> HTTPVerdict {
        if let failure = exchange.failure {
            if let proxy, let verdict = proxyUnreachable(failure, exchange: exchange, proxy: proxy) { return verdict }
            return judge(failure, exchange: exchange, https: https)
        }
        let status = exchange.status
        let head = exchange.finalResponse ?? HTTPResponseHead(status: status)
        if status == 407 {
            return HTTPVerdict(reason: .httpProxy, message: "proxy requires authentication (407)")
        }
        if status == 403 && isProxyBlockPage(head) {
            let via = head.header("Via") ?? head.header("Server") ?? head.header("Proxy-Agent") ?? "a proxy"
            return HTTPVerdict(reason: .httpProxy, message: "403 from a proxy's block page (\(via))")
        }
        let ranges = expect.isEmpty ? [200...399] : expect
        guard ranges.contains(where: { $0.contains(status) }) else {
            let wanted = ranges.map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }
            return HTTPVerdict(
                reason: .httpStatus, message: "status \(status), expected \(wanted.joined(separator: ", "))")
        }
        // A trusted chain from an inspection product's CA (its root installed on this host) is interception all the
        // same: judged as tls:// judges it.
        if https, let match = InspectionProducts.match(exchange.certificates.map(\.issuer)) {
            return HTTPVerdict(
                reason: .tlsIntercepted,
                message: "certificate issued by \(match.issuer), which names \(match.product) — TLS is intercepted")
        }
        if https, !expectedIssuers.isEmpty, let issuer = exchange.certificates.first?.issuer,
            !expectedIssuers.contains(where: { issuer.lowercased().contains($0.lowercased().filter { $0 != "*" }) })
        {
            return HTTPVerdict(
                reason: .tlsIntercepted, message: "certificate issued by \(issuer), not an expected issuer")
        }
        if https, let leaf = exchange.certificates.first, let expiry = CertificateExpiryText.date(leaf.notAfter),
            expiry.timeIntervalSinceNow < TLSVerdict.expiryWarning
        {
            return HTTPVerdict(
                reason: .tlsExpired,
                message: "status \(status); \(CertificateExpiryWords.soon(expiry)) (issuer \(leaf.issuer))",
                isWarning: true)
        }
        return HTTPVerdict(reason: nil, message: "status \(status)")
    }

    private static func judge(_ failure: HTTPFailure, exchange: HTTPExchange, https: Bool) -> HTTPVerdict {
        let timings = exchange.timings
        switch failure.kind {
        case .resolve:
            return HTTPVerdict(reason: .dnsNXDomain, message: failure.message)
        case .resolveProxy:
            return HTTPVerdict(reason: .httpProxy, message: failure.message)
        case .connect:
            switch failure.socketProblem {
            case .refused: return HTTPVerdict(reason: .tcpRefused, message: failure.message)
            case .timedOut: return HTTPVerdict(reason: .tcpTimeout, message: failure.message)
            case .reset, .other: return HTTPVerdict(reason: .tcpUnreachable, message: failure.message)
            }
        case .timeout:
            // libcurl counts the TLS handshake as part of connecting, so the connect time stays 0
            // until both are done; the peer's address is known as soon as TCP is up.
            if timings.connect == 0 && exchange.primaryIP == nil {
                return HTTPVerdict(reason: .tcpTimeout, message: failure.message)
            }
            if [0, 200].contains(exchange.proxyConnectStatus) && https && timings.tlsHandshake == 0 {
                return HTTPVerdict(reason: .tlsTimeout, message: "no TLS handshake: \(failure.message)")
            }
            return HTTPVerdict(reason: .httpTimeout, message: failure.message)
        case .tlsHandshake, .tlsVerification:
            return judgeTLS(failure, exchange: exchange)
        case .proxy:
            return proxyVerdict(failure, exchange: exchange)
        case .receive, .send:
            if exchange.proxyConnectStatus >= 300 { return proxyVerdict(failure, exchange: exchange) }
            if https && timings.tlsHandshake == 0 && failure.socketProblem == .reset {
                return HTTPVerdict(reason: .tlsReset, message: "reset during the TLS handshake: \(failure.message)")
            }
            if failure.kind == .receive && failure.osErrno == 104 {  // ECONNRESET once the request was sent
                return HTTPVerdict(
                    reason: .httpReset,
                    message: "connection reset after the request: a URL filter or IPS may be killing the flow ("
                        + failure.message + ")")
            }
            return HTTPVerdict(reason: .httpProtocol, message: failure.message)
        case .tooManyRedirects:
            return HTTPVerdict(reason: .httpStatus, message: failure.message)
        case .protocolError, .other:
            // libcurl's limit on one header line (CURL_MAX_HTTP_HEADER): CURLE_OUT_OF_MEMORY before 8.6,
            // CURLE_TOO_LARGE since; its own words ("Out of memory") would send a reader the wrong way.
            if failure.code == 27 || failure.code == 100 {
                return HTTPVerdict(
                    reason: .httpProtocol, message: "response header longer than 100 KB (\(failure.message))")
            }
            return HTTPVerdict(reason: .httpProtocol, message: failure.message)
        }
    }

    /// A request through `proxy` that never got past the proxy: it could not be resolved, connected to, or did
    /// not answer. That is `http.proxy` naming the proxy, not a verdict on the destination.
    private static func proxyUnreachable(_ failure: HTTPFailure, exchange: HTTPExchange, proxy: String) -> HTTPVerdict? {
        switch failure.kind {
        case .resolveProxy:
            return HTTPVerdict(reason: .httpProxy, message: "cannot resolve the proxy \(proxy): \(failure.message)")
        case .connect:
            let what =
                switch failure.socketProblem {
                case .refused: "refused the connection"
                case .timedOut: "did not answer the connection"
                case .reset, .other: "could not be reached"
                }
            return HTTPVerdict(reason: .httpProxy, message: "the proxy \(proxy) \(what) (\(failure.message))")
        case .timeout where exchange.timings.connect == 0 && exchange.primaryIP == nil:
            return HTTPVerdict(
                reason: .httpProxy, message: "the proxy \(proxy) did not accept a connection in time (\(failure.message))")
        default:
            return nil
        }
    }

    private static func proxyVerdict(_ failure: HTTPFailure, exchange: HTTPExchange) -> HTTPVerdict {
        if exchange.proxyConnectStatus == 407 {
            return HTTPVerdict(reason: .httpProxy, message: "proxy requires authentication (407 to CONNECT)")
        }
        if exchange.proxyConnectStatus > 0 {
            return HTTPVerdict(reason: .httpProxy, message: "proxy refused CONNECT (\(exchange.proxyConnectStatus))")
        }
        return HTTPVerdict(reason: .httpProxy, message: failure.message)
    }

    /// libcurl's certificate problems and handshake errors to `tls.*`.
    private static func judgeTLS(_ failure: HTTPFailure, exchange: HTTPExchange) -> HTTPVerdict {
        let issuer = exchange.certificates.first?.issuer
        let byIssuer = issuer.map { " (issuer: \($0))" } ?? ""
        if let issuer, looksLikeInspection(issuer) {
            return HTTPVerdict(reason: .tlsIntercepted, message: "certificate issued by \(issuer): \(failure.message)")
        }
        switch exchange.certificateProblem {
        case .expired: return HTTPVerdict(reason: .tlsExpired, message: failure.message + byIssuer)
        case .hostnameMismatch: return HTTPVerdict(reason: .tlsHostname, message: failure.message + byIssuer)
        case .untrustedIssuer: return HTTPVerdict(reason: .tlsUntrusted, message: failure.message + byIssuer)
        case .other, nil: break
        }
        let lower = failure.message.lowercased()
        if failure.kind == .tlsVerification && (lower.contains("subject name") || lower.contains("does not match")) {
            return HTTPVerdict(reason: .tlsHostname, message: failure.message + byIssuer)
        }
        if failure.socketProblem == .reset || lower.contains("reset") || lower.contains("syscall")
            || lower.contains("unexpected eof")
        {
            return HTTPVerdict(reason: .tlsReset, message: "reset during the TLS handshake: \(failure.message)")
        }
        if failure.kind == .tlsVerification {
            return HTTPVerdict(reason: .tlsUntrusted, message: failure.message + byIssuer)
        }
        return HTTPVerdict(reason: .tlsProtocol, message: failure.message)
    }
}
