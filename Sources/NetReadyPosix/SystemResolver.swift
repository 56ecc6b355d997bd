internal import CNetReadyShims
import Dispatch
import Glibc

/// A failed `getaddrinfo`.
public struct ResolveError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The `EAI_*` code, e.g. `EAI_NONAME`.
    public let code: Int32
    /// The code's name, e.g. `"EAI_NONAME"`; safe for metric labels.
    public let name: String
    /// The C library's message (`gai_strerror`), with the `errno` text for `EAI_SYSTEM`.
    public let message: String
    /// The name that was looked up.
    public let host: String

    /// Creates an error from a `getaddrinfo` return code.
    public init(code: Int32, host: String, systemErrno: Int32 = 0) {
        self.code = code
        self.host = host
        self.name = CNetReadyShims_gaiErrorName(code).map { String(cString: $0) } ?? "EAI \(code)"
        var message = gai_strerror(code).map { String(cString: $0) } ?? "unknown error"
        if code == EAI_SYSTEM, systemErrno != 0 {
            message += ": " + IOError(errnoCode: systemErrno, call: "getaddrinfo").description
        }
        self.message = message
    }

    /// `"resolve example.invalid: EAI_NONAME (Name or service not known)"`.
    public var description: String {
        "resolve \(host): \(name) (\(message))"
    }
}

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
