import ArgumentParser
import Foundation
import NetReady
import NetReadyPosix

/// `netready trace tcp://HOST:PORT`: the path to one destination, probed with its own protocol and port.
///
/// The same tracer `check --trace-blocked` runs for blocked destinations, for any destination on demand.
/// Exits 0 when the destination answered (reached, or reset by the destination itself), 1 when the path stops
/// on the way.
struct TraceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Trace the path to a destination with TTL-limited probes of its protocol and port.",
        discussion: """
            Any probe URI with a port: tcp://, tls://, http(s)://, ws(s):// and sip over tcp/tls/ws are traced \
            with TCP SYNs to their port; udp://, rtp://, stun:/turn: over udp and sip over udp with UDP datagrams. \
            Exit 0 when the destination answered (an open port, or a reset from the destination itself), 1 when \
            the path stops on the way.
            """)

    @Argument(help: "A probe URI with one port, e.g. tcp://HOST:PORT, https://HOST/, udp://HOST:PORT, sip:HOST.")
    var uri: String

    @Option(name: .customLong("max-hops"), help: "Highest TTL probed (default 16).")
    var maxHops = 16

    @Option(name: .customLong("probes"), help: "Probes per hop, sent together (default 2).")
    var probesPerHop = 2

    @Option(name: .customLong("hop-timeout"), help: "How long each probe waits for its answer (default 1s).")
    var hopTimeout = "1s"

    @Option(help: "text or json.")
    var format = "text"

    @Option(help: "Probe from this source address.")
    var source: String?

    @Option(help: "Probe through this interface (SO_BINDTODEVICE).")
    var interface: String?

    @Flag(name: .customShort("4"), help: "IPv4 only.")
    var ipv4Only = false

    @Flag(name: .customShort("6"), help: "IPv6 only.")
    var ipv6Only = false

    func validate() throws {
        guard ["text", "json"].contains(format) else { throw ValidationError("--format is text or json") }
        guard (1...64).contains(maxHops) else { throw ValidationError("--max-hops must be between 1 and 64") }
        guard (1...10).contains(probesPerHop) else { throw ValidationError("--probes must be between 1 and 10") }
        if ipv4Only && ipv6Only { throw ValidationError("-4 and -6 exclude each other") }
        if let source { try LocalEndpointCheck.source(source) }
        if let interface { try LocalEndpointCheck.interface(interface) }
        _ = try target()
        _ = try timeout()
    }

    func run() async throws {
        let (parsed, transport) = try target()
        var settings = PathTracer.Settings()
        settings.maxHops = maxHops
        settings.probesPerHop = probesPerHop
        settings.hopTimeout = try timeout()
        let family: AddressFamily? = ipv4Only ? .inet : ipv6Only ? .inet6 : nil
        let resolver = DNSHostResolver(
            settings: try DNSSettings.load(explicit: [], resolvConf: try? ResolvConf.load()))
        let resolution = await resolver.resolve(
            host: parsed.host, family: family, port: parsed.ports?.lowerBound ?? 0, timeout: .seconds(3),
            sinkholes: [])
        if let failure = resolution.failure { throw CommandFailure(message: failure.message, exitCode: 1) }
        guard let destination = resolution.addresses.first(where: { family == nil || $0.family == family }) else {
            throw CommandFailure(message: "\(parsed.host) has no address of that family", exitCode: 1)
        }
        let sourceAddress = source.flatMap { try? SocketAddress(ip: $0, port: 0) }
        let trace = await PathTracer(settings: settings).trace(
            to: destination, transport: transport,
            source: sourceAddress?.family == destination.family ? sourceAddress : nil, interface: interface)
        if format == "json" {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(trace.json), as: UTF8.self))
        } else {
            print(trace.text, terminator: "")
        }
        if !PathTransport.destinationAnswered(trace.finding) { throw ExitCode(1) }
    }

    private func target() throws -> (ProbeURI, PathTransport) {
        let parsed: ProbeURI
        do {
            parsed = try ProbeURI(parsing: uri)
        } catch {
            throw ValidationError("\(ProbeURI.withoutCredentials(uri)): \(error)")
        }
        guard let transport = PathTransport(carrying: parsed), parsed.ports?.count == 1 else {
            throw ValidationError(
                "trace takes a URI with one port (tcp://HOST:PORT, https://HOST/, udp://HOST:PORT, ...), got '\(uri)'")
        }
        return (parsed, transport)
    }

    private func timeout() throws -> Duration {
        guard let duration = try? DurationParser.parse(hopTimeout), duration > .zero else {
            throw ValidationError("--hop-timeout '\(hopTimeout)' is not a duration such as 500ms or 1s")
        }
        return duration
    }
}
