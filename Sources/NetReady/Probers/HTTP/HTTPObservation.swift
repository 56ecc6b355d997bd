import Foundation
import NetReadyHTTP

/// What an http/https probe saw in its last answered exchange (else its last one): status, version, redirects,
/// curl's phase timings, the proxy, the TLS leaf and a short body preview.
package struct HTTPObservation: Encodable, Sendable {
    package var exchange: HTTPExchange
    package var https: Bool
    /// The proxy URL as given; written without its credentials.
    package var proxy: String?

    enum CodingKeys: String, CodingKey {
        case status, redirects, proxy, tls, error, body
        case httpVersion = "http_version"
        case effectiveURL = "effective_url"
        case primaryIP = "primary_ip"
        case timings = "timings_ms"
        case proxyConnectStatus = "proxy_connect_status"
        case bodyBytes = "body_bytes"
    }

    enum RedirectKeys: String, CodingKey {
        case status, location
    }

    enum TimingKeys: String, CodingKey {
        case dns, connect, tls, total
        case firstByte = "first_byte"
    }

    enum LeafKeys: String, CodingKey {
        case subject, issuer
        case notBefore = "not_before"
        case notAfter = "not_after"
        case verifyResult = "verify_result"
    }

    enum ErrorKeys: String, CodingKey {
        case message
        case curlCode = "curl_code"
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if exchange.status > 0 { try container.encode(exchange.status, forKey: .status) }
        try container.encodeIfPresent(exchange.httpVersion, forKey: .httpVersion)
        try container.encodeIfPresent(exchange.effectiveURL, forKey: .effectiveURL)
        try container.encodeIfPresent(exchange.primaryIP, forKey: .primaryIP)
        let redirects = exchange.responses.dropLast()
        if !redirects.isEmpty {
            var list = container.nestedUnkeyedContainer(forKey: .redirects)
            for head in redirects {
                var entry = list.nestedContainer(keyedBy: RedirectKeys.self)
                try entry.encode(head.status, forKey: .status)
                try entry.encode(head.header("Location") ?? "", forKey: .location)
            }
        }
        let timings = exchange.timings
        var phases = container.nestedContainer(keyedBy: TimingKeys.self, forKey: .timings)
        try phases.encode(Self.rounded(timings.nameLookup), forKey: .dns)
        try phases.encode(Self.rounded(timings.connect), forKey: .connect)
        try phases.encode(Self.rounded(timings.tlsHandshake), forKey: .tls)
        try phases.encode(Self.rounded(timings.firstByte), forKey: .firstByte)
        try phases.encode(Self.rounded(timings.total), forKey: .total)
        try container.encodeIfPresent(proxy.map(ProxySettings.withoutCredentials), forKey: .proxy)
        if exchange.proxyConnectStatus > 0 {
            try container.encode(exchange.proxyConnectStatus, forKey: .proxyConnectStatus)
        }
        if https, let leaf = exchange.certificates.first {
            var tls = container.nestedContainer(keyedBy: LeafKeys.self, forKey: .tls)
            try tls.encode(leaf.subject, forKey: .subject)
            try tls.encode(leaf.issuer, forKey: .issuer)
            try tls.encode(leaf.notBefore, forKey: .notBefore)
            try tls.encode(leaf.notAfter, forKey: .notAfter)
            try tls.encode(exchange.tlsVerifyResult, forKey: .verifyResult)
        }
        if let failure = exchange.failure {
            var error = container.nestedContainer(keyedBy: ErrorKeys.self, forKey: .error)
            try error.encode(failure.code, forKey: .curlCode)
            try error.encode(failure.message, forKey: .message)
        } else {
            try container.encode(exchange.bodyBytes, forKey: .bodyBytes)
            if let text = String(validating: exchange.body.prefix(200), as: UTF8.self) {
                try container.encode(text, forKey: .body)
            }
        }
    }

    /// Seconds to milliseconds, three decimals.
    private static func rounded(_ seconds: Double) -> Double { (seconds * 1_000_000).rounded() / 1000 }
}
