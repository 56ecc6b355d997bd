import NetReadyPosix

/// One way of learning the egress address from one kind of egress server (HTTP echo, DNS "what is my
/// address", STUN): find the server's addresses, then ask it over fresh connections, one per `ask`.
///
/// A new method is one conforming type plus one line in ``EgressMethods/method(for:)``.
protocol EgressMethod: Sendable {
    /// The name in `egress.addresses[].via`: `http`, `dns`, `stun`.
    var via: String { get }
    /// `tcp` or `udp`: the NAT mapping a connection of this method goes through.
    var transport: String { get }
    /// True when the server reports a recursive resolver's address rather than this subnet's.
    var seesResolverAddress: Bool { get }
    /// The addresses a fresh connection may go to (both families where the server has them), or why none.
    func endpoints(context: ProbeContext) async -> HostResolution
    /// Asks once over a fresh connection (or socket) to `endpoint`; never reuses one.
    func ask(_ endpoint: SocketAddress, context: ProbeContext) async -> EgressAnswer
}

extension ProbeURI {
    /// The host's addresses through the run's resolver (both families, unless `-4`/`-6`), for `endpoints`.
    func egressEndpoints(context: ProbeContext, defaultPort: UInt16) async -> HostResolution {
        await context.resolver.resolve(
            host: host, family: context.options.family, port: port ?? defaultPort, timeout: context.options.timeout,
            sinkholes: [])
    }
}

/// Which method serves which egress server URI.
enum EgressMethods {
    /// The method for `uri`, or why netready cannot use it as an egress server.
    static func method(for uri: ProbeURI) -> Result<any EgressMethod, EgressServerError> {
        switch uri.kind {
        case .http, .https: .success(HTTPEchoMethod(uri: uri))
        case .dns: .success(DNSWhoamiMethod(uri: uri))
        case .stun, .stuns: .success(STUNMappedMethod(uri: uri))
        default: .failure(EgressServerError(unsupported: uri))
        }
    }

    /// The schemes an egress server may use.
    static let schemes: [ProbeKind] = [.http, .https, .dns, .stun, .stuns]

    /// Why `uri` cannot be an egress server, or nil when it can.
    static func problem(_ uri: ProbeURI) -> String? {
        schemes.contains(uri.kind) ? nil : EgressServerError(unsupported: uri).description
    }
}

/// An egress server netready cannot use.
struct EgressServerError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) { self.description = description }

    init(unsupported uri: ProbeURI) {
        description =
            "\(uri.raw): an egress server is an http(s):// echo endpoint, a dns: \"what is my address\" name "
            + "or a stun: server, not \(uri.kind.rawValue):"
    }
}
