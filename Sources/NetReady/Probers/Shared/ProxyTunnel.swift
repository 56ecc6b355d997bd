import Foundation
import NetReadyHTTP
import NetReadyPosix
import NetReadyWire

/// An HTTP CONNECT tunnel through the proxy a browser would use for a probe (`--proxy`, else the proxy
/// environment, as ``ProxySettings/proxy(scheme:host:)`` chooses it, NO_PROXY included).
///
/// The proxy URL keeps its credentials only to build `Proxy-Authorization`; everything people see names the proxy
/// through ``name``, which has none.
struct ProxyTunnel: Sendable {
    /// The proxy URL as configured, credentials included.
    private let url: String
    /// The proxy's host (brackets removed) and port.
    let host: String
    let port: UInt16
    /// `Basic base64(user:password)`, both %-decoded, when the URL has userinfo.
    private let authorization: String?

    /// The proxy for people: its URL without credentials.
    var name: String { ProxySettings.withoutCredentials(url) }

    /// How a probe of `scheme://host` leaves: directly, through a tunnel, or not at all (a proxy netready cannot
    /// speak to; the words say which and why).
    enum Route: Sendable {
        case direct
        case tunnel(ProxyTunnel)
        case unsupported(String)
    }

    /// The route for `scheme://host` with the run's `--proxy` and this process's environment.
    static func route(scheme: String, host: String, option: String?, environment: [String: String]? = nil) -> Route {
        let settings =
            environment.map { ProxySettings(option: option, environment: $0) } ?? ProxySettings(option: option)
        guard let url = settings.proxy(scheme: scheme, host: host) else { return .direct }
        return parse(url)
    }

    /// Parses a proxy URL as libcurl reads it: no scheme means `http://`, no port means 1080.
    static func parse(_ url: String) -> Route {
        let name = ProxySettings.withoutCredentials(url)
        var rest = Substring(url)
        if let separator = url.range(of: "://") {
            let scheme = url[..<separator.lowerBound].lowercased()
            guard scheme == "http" else {
                return .unsupported(
                    "the proxy \(name) is a \(scheme) proxy; netready tunnels only through http:// proxies (CONNECT)")
            }
            rest = url[separator.upperBound...]
        }
        var authorization: String?
        if let at = rest.lastIndex(of: "@") {
            let userInfo = rest[..<at]
            let parts = userInfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            let decoded = parts.map { String($0).removingPercentEncoding ?? String($0) }
            let credentials = decoded[0] + ":" + (decoded.count > 1 ? decoded[1] : "")
            authorization = "Basic " + Data(credentials.utf8).base64EncodedString()
            rest = rest[rest.index(after: at)...]
        }
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        guard let (host, port) = splitHostPort(rest) else {
            return .unsupported("the proxy \(name) is not a proxy URL netready can read (host[:port])")
        }
        return .tunnel(ProxyTunnel(url: url, host: host, port: port, authorization: authorization))
    }

    /// `host`, `host:port`, `[v6]` or `[v6]:port`; the port defaults to 1080, as libcurl's does.
    private static func splitHostPort(_ text: Substring) -> (String, UInt16)? {
        var host = text
        var port: UInt16 = 1080
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":"), let value = UInt16(after.dropFirst()) else { return nil }
                port = value
            }
        } else if let colon = text.lastIndex(of: ":") {
            guard let value = UInt16(text[text.index(after: colon)...]) else { return nil }
            host = text[..<colon]
            port = value
        }
        return host.isEmpty ? nil : (String(host), port)
    }

    /// Why the tunnel did not come up: `http.proxy` words naming the proxy, and the proxy's status when it answered.
    struct Failure: Error, Sendable {
        let message: String
        let status: Int?
    }

    /// The tunnel's socket, ready for the probe's own protocol, and the time to reach and open it.
    struct Opened: Sendable {
        let socket: Socket
        /// TCP connect to the proxy plus the CONNECT exchange.
        let setupTime: Duration
        /// The proxy's 2xx status.
        let status: Int
    }

    /// Resolves the proxy's host through the run's resolver, to its first address.
    func address(context: ProbeContext, timeout: Duration) async -> Result<SocketAddress, Failure> {
        let resolution = await context.resolver.resolve(
            host: host, family: context.options.family, port: port, timeout: timeout, sinkholes: [])
        if let failure = resolution.failure {
            return .failure(Failure(message: "cannot resolve the proxy \(name): \(failure.message)", status: nil))
        }
        guard let first = resolution.addresses.first else {
            return .failure(Failure(message: "cannot resolve the proxy \(name): no address", status: nil))
        }
        return .success(first)
    }

    /// Connects to the proxy at `address` and asks it for a tunnel to `authority` (`host:port`, IPv6 bracketed),
    /// all before `deadline`. `source` (`--source`) is used when it is of the proxy's address family.
    func open(
        to authority: String, via address: SocketAddress, source: SocketAddress?, interface: String?,
        deadline: ContinuousClock.Instant
    ) async -> Result<Opened, Failure> {
        let start = ContinuousClock.now
        let source = source.flatMap { $0.family == address.family ? $0 : nil }
        let (result, socket) = await TCPConnect.open(
            to: address, source: source, interface: interface, timeout: deadline - .now)
        guard let socket, case .connected = result else {
            let observation = TCPConnectObservation(result)
            let what =
                switch observation.state {
                case .refused: "refused the connection"
                case .timeout: "did not answer the connection"
                default: "could not be reached"
                }
            return .failure(Failure(message: "the proxy \(name) \(what) (\(observation.detail))", status: nil))
        }
        switch await connect(authority, over: .plain(socket), deadline: deadline) {
        case .failure(let failure):
            socket.close()
            return .failure(failure)
        case .success(let status):
            return .success(Opened(socket: socket, setupTime: .now - start, status: status))
        }
    }

    /// The CONNECT exchange: a 2xx opens the tunnel; anything else is the proxy's refusal.
    private func connect(
        _ authority: String, over stream: ByteStream, deadline: ContinuousClock.Instant
    ) async -> Result<Int, Failure> {
        var request = "CONNECT \(authority) HTTP/1.1\r\nHost: \(authority)\r\n"
        if let authorization { request += "Proxy-Authorization: \(authorization)\r\n" }
        request += "User-Agent: netready\r\n\r\n"
        var received: [UInt8] = []
        do throws(ByteStream.Failure) {
            try await stream.write(Array(request.utf8), deadline: deadline)
            // Read byte-sized chunks up to the blank line only: after it the tunnel carries the probe's own bytes.
            while WebSocketUpgrade.headLength(received) == nil {
                guard received.count < WebSocketUpgrade.maxHeadBytes else {
                    return .failure(fail("answered CONNECT with a head longer than \(received.count) bytes"))
                }
                received += try await stream.read(maxBytes: 1, deadline: deadline)
            }
        } catch {
            switch error {
            case .timedOut: return .failure(fail("did not answer CONNECT \(authority) in time"))
            case .closed: return .failure(fail("closed the connection without answering CONNECT \(authority)"))
            case .failed(let words): return .failure(fail("failed during CONNECT \(authority): \(words)"))
            }
        }
        guard let head = HTTPResponseHead(received[...]) else {
            return .failure(fail("answered CONNECT \(authority) with something that is not HTTP"))
        }
        guard (200..<300).contains(head.status) else {
            let status = "\(head.status) \(head.reasonPhrase)".trimmingCharacters(in: .whitespaces)
            // 407 asks for credentials; some proxies (tinyproxy) answer wrong ones with 401.
            let words =
                switch (head.status, authorization) {
                case (407, nil):
                    "requires authentication (\(status) to CONNECT \(authority)); give credentials in the proxy URL"
                case (401, _?), (407, _?):
                    "rejected the credentials in the proxy URL (\(status) to CONNECT \(authority))"
                default: "refused CONNECT \(authority) (\(status))"
                }
            return .failure(fail(words, status: head.status))
        }
        return .success(head.status)
    }

    /// A failure naming the proxy; the words pass through the credential scrubber, as anything quoting a proxy may.
    private func fail(_ words: String, status: Int? = nil) -> Failure {
        let scrubbed = ProxySettings(option: url, environment: [:]).scrub("the proxy \(name) \(words)")
        return Failure(message: scrubbed, status: status)
    }
}
