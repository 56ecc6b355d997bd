internal import CNetReadyShims
import Dispatch
import Glibc

/// Name resolution through the C library (`getaddrinfo`: /etc/hosts, nsswitch, /etc/resolv.conf).
public enum SystemResolver {
    /// `getaddrinfo` blocks, so lookups run here, in parallel, and never on Swift's cooperative pool.
    private static let queue = DispatchQueue(label: "netready.getaddrinfo", attributes: .concurrent)

    /// Resolves `host` (a name or an IP literal) to addresses, deduplicated, in the C library's order.
    ///
    /// Lookups are not interruptible: a cancelled task still waits for `getaddrinfo` to return.
    /// - Parameters:
    ///   - host: the name to resolve.
    ///   - family: restrict to IPv4 or IPv6; `nil` for both.
    ///   - port: the port to put into the returned addresses.
    /// - Throws: ``ResolveError``.
    public static func resolve(
        host: String,
        family: AddressFamily? = nil,
        port: UInt16 = 0
    ) async throws(ResolveError) -> [SocketAddress] {
        typealias Outcome = Result<[SocketAddress], ResolveError>
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
            queue.async {
                continuation.resume(returning: resolveBlocking(host: host, family: family, port: port))
            }
        }
        return try result.get()
    }

    /// The blocking lookup.
    static func resolveBlocking(
        host: String,
        family: AddressFamily?,
        port: UInt16
    ) -> Result<[SocketAddress], ResolveError> {
        var hints = addrinfo()
        hints.ai_family = family?.rawValue ?? AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        // No AI_ADDRCONFIG: a host without a global IPv6 address must still see AAAA answers when asked.
        hints.ai_flags = 0
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0 else {
            let systemErrno = status == EAI_SYSTEM ? Syscall.lastErrno : 0
            return .failure(ResolveError(code: status, host: host, systemErrno: systemErrno))
        }
        defer { freeaddrinfo(list) }
        var addresses: [SocketAddress] = []
        var seen: Set<SocketAddress> = []
        var entry = list
        while let current = entry {
            if let pointer = current.pointee.ai_addr,
                let address = SocketAddress(pointer, length: current.pointee.ai_addrlen)?.withPort(port),
                seen.insert(address).inserted
            {
                addresses.append(address)
            }
            entry = current.pointee.ai_next
        }
        guard !addresses.isEmpty else {
            return .failure(ResolveError(code: EAI_NONAME, host: host))
        }
        return .success(addresses)
    }
}
