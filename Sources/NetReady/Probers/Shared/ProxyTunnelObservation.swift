/// `details.proxy` and `details.proxy_connect_status` of a probe carried through an HTTP CONNECT tunnel (the same
/// keys as an http(s) probe through a proxy).
package struct ProxyTunnelObservation: Encodable, Sendable {
    /// The proxy URL without credentials.
    package var proxy: String
    /// The proxy's refusal of CONNECT (407, 403...), when it refused.
    package var connectStatus: Int?

    enum CodingKeys: String, CodingKey {
        case proxy
        case connectStatus = "proxy_connect_status"
    }
}
