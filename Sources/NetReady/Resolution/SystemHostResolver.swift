import NetReadyPosix

/// Resolves through the system's `getaddrinfo`, off the cooperative pool, under a deadline.
///
/// The DNS issue replaces this with netready's own resolver; until then the `dns.*` reason is
/// derived from getaddrinfo's error code, which is all it tells.
struct SystemHostResolver: HostResolver {
    init() {}

    func resolve(
        host: String, family: AddressFamily?, port: UInt16, timeout: Duration, sinkholes: [String]
    ) async
        -> HostResolution
    {
        if SocketAddress.isIPLiteral(host), let address = try? SocketAddress(ip: host, port: port) {
            return HostResolution(addresses: [address])
        }
        let clock = ContinuousClock()
        let start = clock.now
        let outcome: Result<[SocketAddress], ResolveError>? = await withDeadline(timeout) {
            do {
                return .success(try await SystemResolver.resolve(host: host, family: family))
            } catch let error as ResolveError {
                return .failure(error)
            } catch {
                // SystemResolver throws only ResolveError; anything else is a cancelled lookup.
                return .failure(ResolveError(code: -11, host: host))
            }
        }
        let elapsed = (clock.now - start).milliseconds
        switch outcome {
        case nil:
            return HostResolution(
                addresses: [],
                failure: (.dnsTimeout, "resolving \(host) took longer than \(formatDuration(timeout))"),
                observation: ResolutionObservation(via: "getaddrinfo", ms: elapsed, error: "timeout")
            )
        case .failure(let error)?:
            return HostResolution(
                addresses: [],
                failure: (Self.reason(for: error), "\(host): \(error.message)"),
                observation: ResolutionObservation(via: "getaddrinfo", ms: elapsed, error: error.name)
            )
        case .success(let found)?:
            let addresses = found.map { $0.withPort(port) }
            let observation = ResolutionObservation(via: "getaddrinfo", answers: addresses.map(\.ip), ms: elapsed)
            if !Self.isLoopbackName(host),
                let sinkhole = addresses.first(where: { Self.isSinkhole($0.ip, listed: sinkholes) })
            {
                return HostResolution(
                    addresses: addresses,
                    failure: (.dnsSinkhole, "\(host) resolves to \(sinkhole.ip), a sinkhole address"),
                    observation: observation
                )
            }
            return HostResolution(addresses: addresses, observation: observation)
        }
    }

    /// getaddrinfo folds many DNS answers into few codes; this is the closest honest mapping.
    static func reason(for error: ResolveError) -> Reason {
        switch error.name {
        case "EAI_NONAME", "EAI_NODATA": .dnsNXDomain
        case "EAI_AGAIN": .dnsTimeout
        case "EAI_FAIL": .dnsServFail
        default: .dnsServFail
        }
    }

    /// `localhost` and `*.localhost` are loopback by definition (RFC 6761), not sinkholed.
    static func isLoopbackName(_ host: String) -> Bool {
        let name = host.lowercased().trimmingSuffix(".")
        return name == "localhost" || name.hasSuffix(".localhost")
    }

    /// The well-known "this name is blocked" answers, plus the target file's own list.
    static func isSinkhole(_ ip: String, listed: [String]) -> Bool {
        ip == "0.0.0.0" || ip == "::" || ip.hasPrefix("127.") || ip == "::1" || listed.contains(ip)
    }
}

extension String {
    /// The string without one trailing `suffix`, if it has one (a fully qualified name's dot).
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
