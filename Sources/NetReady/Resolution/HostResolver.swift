import NetReadyPosix

/// Turns a probe's host name into addresses, and records how, for the probe's `details.dns`.
package protocol HostResolver: Sendable {
    /// Resolves `host`; an IP literal comes back as itself without a lookup. An answer among
    /// `sinkholes` (or 0.0.0.0, ::, 127/8) fails with `dns.sinkhole`.
    func resolve(
        host: String, family: AddressFamily?, port: UInt16, timeout: Duration, sinkholes: [String]
    ) async
        -> HostResolution
}

/// The outcome of resolving one host name.
package struct HostResolution: Sendable {
    /// Addresses in the order to try them, with the probe's port.
    package var addresses: [SocketAddress]
    /// Set when resolution failed: a `dns.*` reason and words for the message.
    package var failure: (reason: Reason, message: String)?
    /// What the report records of the lookup (resolver, answers, time).
    package var observation: ResolutionObservation?

    package init(
        addresses: [SocketAddress], failure: (reason: Reason, message: String)? = nil,
        observation: ResolutionObservation? = nil
    ) {
        self.addresses = addresses
        self.failure = failure
        self.observation = observation
    }
}
