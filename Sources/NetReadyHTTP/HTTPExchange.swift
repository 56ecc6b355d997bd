/// What one HTTP(S) request observed: the final response, every response on the way, timings,
/// the peer's certificates, or how it failed. Timings and certificates are filled in as far as
/// the exchange got, also on failure.
public struct HTTPExchange: Sendable {
    /// Why no usable response arrived; nil when one did (whatever its status).
    public var failure: HTTPFailure?
    /// Status of the last response, 0 when none arrived.
    public var status: Int = 0
    /// "1.0", "1.1", "2" or "3"; nil before a response.
    public var httpVersion: String?
    /// The URL of the last request, after redirects.
    public var effectiveURL: String?
    /// The address and port of the last connection (the proxy's, through a proxy).
    public var primaryIP: String?
    public var primaryPort: Int?
    /// Every response in order: redirects first, the final one last.
    public var responses: [HTTPResponseHead] = []
    /// Redirects followed.
    public var redirectCount = 0
    /// Status of a proxy's answer to CONNECT (e.g. 407), 0 when no tunnel was asked for.
    public var proxyConnectStatus = 0
    /// OpenSSL's X509 verification result (0 = ok, 10 = expired, 20/21/19/2 = untrusted chain).
    public var tlsVerifyResult = 0
    /// The peer's chain, leaf first, when a TLS handshake got that far.
    public var certificates: [HTTPCertificate] = []
    /// Phase timings, like `curl -w`.
    public var timings = HTTPTimings()
    /// The first `bodyLimit` bytes of the final body, and how many bytes it had.
    public var body: [UInt8] = []
    public var bodyBytes = 0

    public init() {}

    /// The final response's head, if any.
    public var finalResponse: HTTPResponseHead? { responses.last }
}

/// The status line and headers of one response.
public struct HTTPResponseHead: Sendable, Equatable {
    public var status: Int
    public var headers: [(name: String, value: String)]

    public init(status: Int, headers: [(name: String, value: String)] = []) {
        self.status = status
        self.headers = headers
    }

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.status == rhs.status && lhs.headers.map(\.name) == rhs.headers.map(\.name)
            && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }
}

/// One certificate of the peer's chain, as libcurl describes it.
public struct HTTPCertificate: Sendable, Equatable {
    public var subject: String
    public var issuer: String
    public var notBefore: String
    public var notAfter: String

    public init(subject: String, issuer: String, notBefore: String = "", notAfter: String = "") {
        self.subject = subject
        self.issuer = issuer
        self.notBefore = notBefore
        self.notAfter = notAfter
    }
}

/// Seconds from the start of the exchange at which each phase ended (0 when it was not reached).
public struct HTTPTimings: Sendable, Equatable {
    public var nameLookup: Double = 0
    public var connect: Double = 0
    public var tlsHandshake: Double = 0
    public var firstByte: Double = 0
    public var total: Double = 0

    public init() {}
}

/// How an exchange failed, in libcurl's terms, classified.
public struct HTTPFailure: Sendable, Equatable, CustomStringConvertible {
    /// The broad class of a failure.
    public enum Kind: String, Sendable {
        case resolve, resolveProxy, connect, timeout, tlsHandshake, tlsVerification, proxy
        case tooManyRedirects, protocolError, receive, send, other
    }

    public var kind: Kind
    /// libcurl's error code (CURLcode) and message.
    public var code: Int
    public var message: String
    /// The errno of the last socket error (CURLINFO_OS_ERRNO), 0 when none.
    public var osErrno: Int32

    public init(kind: Kind, code: Int, message: String, osErrno: Int32 = 0) {
        self.kind = kind
        self.code = code
        self.message = message
        self.osErrno = osErrno
    }

    public var description: String { message }
}
