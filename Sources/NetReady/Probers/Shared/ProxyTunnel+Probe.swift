import NetReadyPosix

extension ProxyTunnel {
    /// How a stream probe reaches its server: directly, or through a tunnel from the proxy at `address`.
    enum Path: Sendable {
        case direct
        case tunnel(ProxyTunnel, address: SocketAddress)
    }

    /// The path for `probe` with the run's proxy settings, the proxy resolved through the run's resolver.
    ///
    /// - Returns: nil after marking `result`: an `error` for a proxy netready cannot speak to, `http.proxy` for
    ///   one that does not resolve.
    static func path(
        for probe: PlannedProbe, context: ProbeContext, into result: inout ProbeResult
    ) async -> Path? {
        switch route(scheme: probe.uri.kind.rawValue, host: probe.uri.host, option: context.options.proxy) {
        case .direct:
            return .direct
        case .unsupported(let words):
            result.status = .error
            result.message = words
            return nil
        case .tunnel(let tunnel):
            switch await tunnel.address(context: context, timeout: probe.timeout) {
            case .success(let address):
                return .tunnel(tunnel, address: address)
            case .failure(let failure):
                result.observations.proxyTunnel = ProxyTunnelObservation(proxy: tunnel.name)
                failure.record(into: &result)
                return nil
            }
        }
    }
}

extension ProxyTunnel.Failure {
    /// The attempt's word for `attempts[]`: `proxy-407`, or `proxy-unreachable` when the proxy did not answer.
    var word: String { status.map { "proxy-\($0)" } ?? "proxy-unreachable" }

    /// Marks `result` failed with `http.proxy` and these words (which name the proxy).
    func record(into result: inout ProbeResult) {
        result.status = .fail
        result.reason = .httpProxy
        result.message = message
        result.observations.proxyTunnel?.connectStatus = status
    }
}
