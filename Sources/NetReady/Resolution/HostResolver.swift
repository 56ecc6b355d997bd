import NetReadyPosix

/// Turns a probe's host name into addresses, and records how, for the probe's `details.dns`.
public protocol HostResolver: Sendable {
    /// Resolves `host`; an IP literal comes back as itself without a lookup. An answer among
    /// `sinkholes` (or 0.0.0.0, ::, 127/8) fails with `dns.sinkhole`.
    func resolve(
        host: String, family: AddressFamily?, port: UInt16, timeout: Duration, sinkholes: [String]
    ) async
        -> HostResolution
}

/// The outcome of resolving one host name.
public struct HostResolution: Sendable {
    /// Addresses in the order to try them, with the probe's port.
    public var addresses: [SocketAddress]
    /// Set when resolution failed: a `dns.*` reason and words for the message.
    public var failure: (reason: Reason, message: String)?
    /// What the report records of the lookup (resolver, answers, time).
    public var observation: ResolutionObservation?

    public init(
        addresses: [SocketAddress], failure: (reason: Reason, message: String)? = nil,
        observation: ResolutionObservation? = nil
    ) {
        self.addresses = addresses
        self.failure = failure
        self.observation = observation
    }
}
