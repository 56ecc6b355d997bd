import Foundation
import NetReadyHTTP

/// The `details` object of an http/https result (SPEC `details`): status, version, redirects,
/// timings, TLS certificate and a short body preview.
enum HTTPDetails {
    static func describe(_ exchange: HTTPExchange, https: Bool, proxy: String?) -> [String: JSONValue] {
        var details: [String: JSONValue] = [:]
        if exchange.status > 0 { details["status"] = .int(exchange.status) }
        if let version = exchange.httpVersion { details["http_version"] = .string(version) }
        if let url = exchange.effectiveURL { details["effective_url"] = .string(url) }
        if let ip = exchange.primaryIP { details["primary_ip"] = .string(ip) }
        let redirects = exchange.responses.dropLast().map { head -> JSONValue in
            ["status": .int(head.status), "location": .string(head.header("Location") ?? "")]
        }
        if !redirects.isEmpty { details["redirects"] = .array(redirects) }
        let timings = exchange.timings
        details["timings_ms"] = [
            "dns": .double(rounded(timings.nameLookup)), "connect": .double(rounded(timings.connect)),
            "tls": .double(rounded(timings.tlsHandshake)), "first_byte": .double(rounded(timings.firstByte)),
            "total": .double(rounded(timings.total)),
        ]
        if let proxy { details["proxy"] = .string(ProxySettings.withoutCredentials(proxy)) }
        if exchange.proxyConnectStatus > 0 { details["proxy_connect_status"] = .int(exchange.proxyConnectStatus) }
        if https, let leaf = exchange.certificates.first {
            details["tls"] = [
                "subject": .string(leaf.subject), "issuer": .string(leaf.issuer),
                "not_before": .string(leaf.notBefore), "not_after": .string(leaf.notAfter),
                "verify_result": .int(exchange.tlsVerifyResult),
            ]
        }
        if let failure = exchange.failure {
            details["error"] = ["curl_code": .int(failure.code), "message": .string(failure.message)]
        }
        if exchange.failure == nil {
            details["body_bytes"] = .int(exchange.bodyBytes)
            if let text = String(validating: exchange.body.prefix(200), as: UTF8.self) {
                details["body"] = .string(text)
            }
        }
        return details
    }

    /// Seconds to milliseconds, three decimals.
    private static func rounded(_ seconds: Double) -> Double { (seconds * 1_000_000).rounded() / 1000 }
}
