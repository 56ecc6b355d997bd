/// How one HTTP(S) request is made: limits, trust, proxy and where it leaves from.
public struct HTTPRequestOptions: Sendable {
    /// Time allowed for the whole exchange, redirects included (also the connect limit).
    public var timeout: Duration = .seconds(3)
    /// Follow `Location` answers, up to `maxRedirects`.
    public var followRedirects = true
    public var maxRedirects = 10
    /// Proxy URL (`http://host:port`, credentials allowed); nil leaves libcurl's defaults, which
    /// read `http_proxy`, `HTTPS_PROXY`, `ALL_PROXY` and `NO_PROXY` from the environment.
    public var proxy: String?
    /// Extra trust anchors (PEM), used together with the system's certificate directory.
    public var caFile: String?
    /// Check the peer's certificate and name (off only to look at a certificate that failed).
    public var verifyPeer = true
    /// Stop after the connection (and TLS handshake) is set up, without sending a request.
    public var connectOnly = false
    /// Only IPv4 (`4`) or IPv6 (`6`) addresses; nil for both.
    public var ipVersion: Int?
    /// Bind to this source address before connecting.
    public var sourceAddress: String?
    /// Bind to this interface before connecting.
    public var interface: String?
    /// Addresses to use instead of resolving (`CURLOPT_RESOLVE`), each `HOST:PORT:ADDRESS[,ADDRESS...]`
    /// (IPv6 in brackets): lets the caller resolve with its own resolver and keep libcurl to it.
    public var resolve: [String] = []
    /// The `User-Agent` header.
    public var userAgent = "netready"
    /// At most this many body bytes are kept (all are counted).
    public var bodyLimit = 4096

    public init() {}
}
