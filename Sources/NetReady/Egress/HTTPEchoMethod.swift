import NetReadyHTTP
import NetReadyPosix

/// An HTTP(S) echo endpoint that answers with the caller's address (plain text or JSON such as
/// `{"ip": "..."}`): each ask is a GET over a new connection (libcurl's FRESH_CONNECT and FORBID_REUSE).
///
/// Through a proxy the answer is the proxy's egress address: that is where web traffic leaves from.
struct HTTPEchoMethod: EgressMethod {
    let uri: ProbeURI
    var client: HTTPClient = .shared

    var via: String { "http" }
    var transport: String { "tcp" }
    var seesResolverAddress: Bool { false }

    func endpoints(context: ProbeContext) async -> HostResolution {
        await uri.egressEndpoints(context: context, defaultPort: 80)
    }

    func ask(_ endpoint: SocketAddress, context: ProbeContext) async -> EgressAnswer {
        var options = HTTPProber.requestOptions(timeout: context.options.timeout, context: context)
        options.ipVersion = endpoint.family == .inet6 ? 6 : 4
        let exchange = await client.get(uri.raw, options: options)
        if let failure = exchange.failure { return .miss(failure.message) }
        guard (200...299).contains(exchange.status) else { return .miss("HTTP \(exchange.status)") }
        guard let ip = EgressAddressText.address(inBody: exchange.body) else {
            return .miss("the answer is not an address (\(exchange.bodyBytes) bytes)")
        }
        return .address(ip)
    }
}
