/// One probe of a target, as written in a target file or on the command line.
///
/// Options left out are `nil` (or empty); the caller applies the file's `defaults:` and the command-line options.
/// `credential` is never shown by `description`, `debugDescription` or `dump`.
package struct ProbeSpec: Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// What to probe.
    package var uri: ProbeURI
    /// Whether the destination should be reachable or blocked.
    package var expect: ProbeExpectation
    /// Per-attempt timeout (`timeout:`).
    package var timeout: Duration?
    /// Number of attempts (`samples:`), 1 to 1000.
    package var samples: Int?
    /// TLS server name (`sni:`, else `?sni=` of a `tls:` URI).
    package var sni: String?
    /// ALPN protocols to offer (`alpn:`, else `?alpn=` of a `tls:` URI).
    package var alpn: [String]
    /// Accepted HTTP status ranges (`expect_status: 200`, `[200, 204]`, `"200-399"`, `"2xx"`); empty = default.
    package var expectStatus: [ClosedRange<Int>]
    /// Expected certificate issuer patterns (`issuer:`); a different issuer suggests TLS interception.
    package var issuer: [String]
    /// TURN user name (`username:`, with `${ENV}` references resolved).
    package var username: String?
    /// TURN password (`credential:`, with `${ENV}` references resolved). Never print it.
    package var credential: String?
    /// Where the probe was written.
    package var location: SourceLocation
    /// `${NAME}`s of the URI that are unset or empty: the probe is not run but reported as `skip`, naming them.
    package var unsetVariables: [UnsetVariable] = []

    /// Creates a probe with the given URI and options.
    package init(
        uri: ProbeURI, expect: ProbeExpectation = .reachable, timeout: Duration? = nil, samples: Int? = nil,
        sni: String? = nil, alpn: [String] = [], expectStatus: [ClosedRange<Int>] = [], issuer: [String] = [],
        username: String? = nil, credential: String? = nil, location: SourceLocation
    ) {
        self.uri = uri
        self.expect = expect
        self.timeout = timeout
        self.samples = samples
        self.sni = sni
        self.alpn = alpn
        self.expectStatus = expectStatus
        self.issuer = issuer
        self.username = username
        self.credential = credential
        self.location = location
    }

    /// The URI plus the options that were set, one-line; the credential shows as `***`.
    package var description: String {
        var options: [String] = []
        if expect != .reachable { options.append("expect: \(expect.rawValue)") }
        if let timeout { options.append("timeout: \(formatDuration(timeout))") }
        if let samples { options.append("samples: \(samples)") }
        if let sni, sni != uri.sni { options.append("sni: \(sni)") }
        if !alpn.isEmpty, alpn != uri.alpn { options.append("alpn: \(alpn.joined(separator: ","))") }
        if !expectStatus.isEmpty {
            let ranges = expectStatus.map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }
            options.append("expect_status: \(ranges.joined(separator: ","))")
        }
        if !issuer.isEmpty { options.append("issuer: \(issuer.joined(separator: ", "))") }
        // A TURN username is half of a long-term credential (often a time-limited token): neither is shown.
        if username != nil { options.append("username: ***") }
        if credential != nil { options.append("credential: ***") }
        guard !options.isEmpty else { return uri.description }
        return "\(uri) (\(options.joined(separator: "; ")))"
    }

    /// Same as ``description``, so that `debugPrint` does not reveal the credential either.
    package var debugDescription: String { "ProbeSpec(\(description) at \(location))" }

    /// A mirror with the credential masked, so that `dump` does not reveal it.
    package var customMirror: Mirror {
        Mirror(
            self,
            children: [
                "uri": uri, "expect": expect, "timeout": timeout as Any, "samples": samples as Any, "sni": sni as Any,
                "alpn": alpn, "expectStatus": expectStatus, "issuer": issuer,
                "username": username == nil ? "nil" : "***",
                "credential": credential == nil ? "nil" : "***", "location": location,
            ])
    }
}
