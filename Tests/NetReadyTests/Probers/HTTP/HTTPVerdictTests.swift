import NetReadyHTTP
import Testing

@testable import NetReady

/// How an HTTP exchange becomes a reason: statuses, proxies, TLS codes and failed phases.
struct HTTPVerdictTests {
    static func answered(_ status: Int, headers: [(name: String, value: String)] = []) -> HTTPExchange {
        var exchange = HTTPExchange()
        exchange.status = status
        exchange.responses = [HTTPResponseHead(status: status, headers: headers)]
        return exchange
    }

    static func failed(
        _ kind: HTTPFailure.Kind, errno: Int32 = 0, message: String = "failed",
        configure: (inout HTTPExchange) -> Void = { _ in }
    ) -> HTTPExchange {
        var exchange = HTTPExchange()
        exchange.failure = HTTPFailure(kind: kind, code: 1, message: message, osErrno: errno)
        configure(&exchange)
        return exchange
    }

    @Test func statusesInsideTheDefaultRangePass() {
        for status in [200, 204, 301, 399] {
            #expect(HTTPVerdict.judge(Self.answered(status), https: false, expect: []).reason == nil)
        }
        let verdict = HTTPVerdict.judge(Self.answered(404), https: false, expect: [])
        #expect(verdict.reason == .httpStatus)
        #expect(verdict.message == "status 404, expected 200-399")
    }

    @Test func expectStatusReplacesTheDefault() {
        #expect(HTTPVerdict.judge(Self.answered(404), https: false, expect: [404...404]).reason == nil)
        let verdict = HTTPVerdict.judge(Self.answered(200), https: false, expect: [204...204, 300...399])
        #expect(verdict.reason == .httpStatus)
        #expect(verdict.message == "status 200, expected 204, 300-399")
    }

    @Test func proxyAnswersAreHTTPProxy() {
        #expect(HTTPVerdict.judge(Self.answered(407), https: false, expect: []).reason == .httpProxy)
        for header in [
            ("Via", "1.1 proxy"), ("X-Squid-Error", "ERR_ACCESS_DENIED 0"), ("Server", "squid/5.7"),
            ("Proxy-Agent", "x"), ("Server", "tinyproxy/1.11.1"),
        ] {
            let verdict = HTTPVerdict.judge(Self.answered(403, headers: [header]), https: false, expect: [])
            #expect(verdict.reason == .httpProxy, "\(header)")
        }
        let origin = HTTPVerdict.judge(Self.answered(403, headers: [("Server", "nginx")]), https: false, expect: [])
        #expect(origin.reason == .httpStatus)
        let connect = Self.failed(.receive) { $0.proxyConnectStatus = 407 }
        #expect(HTTPVerdict.judge(connect, https: true, expect: []).message.contains("407"))
    }

    @Test func connectFailuresUseTheSocketErrno() {
        #expect(HTTPVerdict.judge(Self.failed(.connect, errno: 111), https: false, expect: []).reason == .tcpRefused)
        #expect(HTTPVerdict.judge(Self.failed(.connect, errno: 110), https: false, expect: []).reason == .tcpTimeout)
        let unreachable = Self.failed(.connect, errno: 113)
        #expect(HTTPVerdict.judge(unreachable, https: false, expect: []).reason == .tcpUnreachable)
        #expect(HTTPVerdict.judge(Self.failed(.resolve), https: false, expect: []).reason == .dnsNXDomain)
    }

    @Test func timeoutsAreNamedByThePhaseReached() {
        #expect(HTTPVerdict.judge(Self.failed(.timeout), https: true, expect: []).reason == .tcpTimeout)
        let tcpUp = Self.failed(.timeout) { $0.primaryIP = "192.0.2.1" }
        #expect(HTTPVerdict.judge(tcpUp, https: true, expect: []).reason == .tlsTimeout)
        #expect(HTTPVerdict.judge(tcpUp, https: false, expect: []).reason == .httpTimeout)
        let tlsUp = Self.failed(.timeout) {
            $0.primaryIP = "192.0.2.1"
            $0.timings.connect = 0.01
            $0.timings.tlsHandshake = 0.02
        }
        #expect(HTTPVerdict.judge(tlsUp, https: true, expect: []).reason == .httpTimeout)
    }

    @Test func x509CodesMapToTLSReasons() {
        let cases: [(Int, Reason)] = [
            (10, .tlsExpired), (62, .tlsHostname), (20, .tlsUntrusted), (21, .tlsUntrusted),
            (19, .tlsUntrusted), (2, .tlsUntrusted),
        ]
        for (code, reason) in cases {
            let exchange = Self.failed(.tlsVerification) { $0.tlsVerifyResult = code }
            #expect(HTTPVerdict.judge(exchange, https: true, expect: []).reason == reason, "X509 code \(code)")
        }
        let wrongName = Self.failed(.tlsVerification, message: "SSL: no alternative certificate subject name matches")
        #expect(HTTPVerdict.judge(wrongName, https: true, expect: []).reason == .tlsHostname)
        let reset = Self.failed(.tlsHandshake, errno: 104, message: "Recv failure: Connection reset by peer")
        #expect(HTTPVerdict.judge(reset, https: true, expect: []).reason == .tlsReset)
        #expect(HTTPVerdict.judge(Self.failed(.tlsHandshake), https: true, expect: []).reason == .tlsProtocol)
    }

    @Test func anInspectionIssuerIsInterceptedAndNamed() {
        let issuer = "CN = Zscaler Intermediate Root CA, O = Zscaler Inc."
        let exchange = Self.failed(.tlsVerification) {
            $0.tlsVerifyResult = 20
            $0.certificates = [HTTPCertificate(subject: "CN = example.com", issuer: issuer)]
        }
        let verdict = HTTPVerdict.judge(exchange, https: true, expect: [])
        #expect(verdict.reason == .tlsIntercepted)
        #expect(verdict.message.contains(issuer))
        #expect(HTTPVerdict.looksLikeInspection("O = Lab Secure Web Gateway"))
        #expect(!HTTPVerdict.looksLikeInspection("CN = DigiCert Global G2 TLS RSA SHA256 2020 CA1"))
    }

    @Test func anUnexpectedIssuerOnAVerifiedChainIsIntercepted() {
        var exchange = Self.answered(200)
        exchange.certificates = [HTTPCertificate(subject: "CN = a", issuer: "CN = Corp Root, O = Corp")]
        #expect(
            HTTPVerdict.judge(exchange, https: true, expect: [], expectedIssuers: ["DigiCert*"]).reason
                == .tlsIntercepted)
        #expect(HTTPVerdict.judge(exchange, https: true, expect: [], expectedIssuers: ["corp root"]).reason == nil)
    }
}
