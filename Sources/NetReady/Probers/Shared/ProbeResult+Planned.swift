import Foundation
import NetReadyPosix

extension ProbeResult {
    /// A result for `probe` with the URI's fields filled in and no verdict yet.
    init(probe: PlannedProbe, status: ProbeStatus = .error, message: String = "") {
        self.init(
            uri: probe.uri.raw,
            kind: probe.uri.kind.rawValue,
            host: probe.uri.host,
            port: probe.uri.port.map(Int.init),
            transport: probe.uri.transport?.rawValue,
            status: status,
            message: message
        )
    }
}

extension PlannedProbe {
    /// Resolves the probe's host through the run's resolver, recording the step in `result`.
    ///
    /// - Returns: the addresses to probe, or nil after marking `result` failed with a `dns.*` reason.
    func resolveAddresses(into result: inout ProbeResult, context: ProbeContext, port: UInt16) async -> [SocketAddress]?
    {
        let resolution = await context.resolver.resolve(
            host: uri.host, family: context.options.family, port: port, timeout: timeout, sinkholes: sinkholes)
        result.observations.resolution = resolution.observation
        if let failure = resolution.failure {
            result.status = .fail
            result.reason = failure.reason
            result.message = failure.message
            return nil
        }
        let addresses = resolution.addresses.filter {
            context.options.family == nil || $0.family == context.options.family
        }
        guard !addresses.isEmpty else {
            result.status = .fail
            result.reason = .dnsNXDomain
            let family = context.options.family == .inet6 ? "IPv6" : "IPv4"
            result.message = "\(uri.host) has no \(family) address"
            return nil
        }
        return addresses
    }

    /// The `--source` address of the right family for `destination`, if one was given.
    func sourceAddress(for destination: SocketAddress, options: RunOptions) -> SocketAddress? {
        Self.sourceAddress(for: destination, options: options)
    }

    /// The `--source` address of `options` of the right family for `destination`, if one was given.
    static func sourceAddress(for destination: SocketAddress, options: RunOptions) -> SocketAddress? {
        guard let source = options.sourceAddress, let address = try? SocketAddress(ip: source, port: 0),
            address.family == destination.family
        else { return nil }
        return address
    }
}
