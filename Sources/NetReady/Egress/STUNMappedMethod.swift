import NetReadyPosix

/// A STUN server (`stun:`, `stuns:`, `?transport=udp|tcp`): each ask is one Binding request on a fresh flow (a new
/// UDP socket, TCP or TLS connection), and the answer is the mapped (server-reflexive) address.
struct STUNMappedMethod: EgressMethod {
    let uri: ProbeURI

    var via: String { "stun" }
    var transport: String { STUNProber.transport(of: uri) == .udp ? "udp" : "tcp" }
    var seesResolverAddress: Bool { false }

    func endpoints(context: ProbeContext) async -> HostResolution {
        await uri.egressEndpoints(context: context, defaultPort: 3478)
    }

    func ask(_ endpoint: SocketAddress, context: ProbeContext) async -> EgressAnswer {
        guard let query = STUNMappedAddressQuery(uri: uri, server: endpoint, options: context.options) else {
            return .miss("\(uri.raw) is not a STUN URI")
        }
        let answer = await query.run()
        guard let mapped = answer.mapped, let ip = EgressAddressText.canonical(mapped.ip) else {
            return .miss(answer.message)
        }
        return .address(ip)
    }
}
