import ArgumentParser
import Foundation
import Logging
import NetReady
import NetReadyPosix

/// `netready responder`: the far end for media tests, run by the telephony team on a host at the
/// other end of the path. Echoes UDP and TCP to allowed client networks only.
struct ResponderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "responder",
        abstract: "Far-end UDP/TCP echo for rtp:// and udp:// probes.",
        discussion: """
            Answers only clients inside --allow (default: loopback only), at most --rate datagrams per \
            second per client, so it cannot be used as a reflector. Stops on Ctrl-C or SIGTERM.
            """
    )

    @Option(name: .customLong("listen"), help: "ADDRESS:PORT[-PORT] to echo on (repeatable; default 0.0.0.0:5004).")
    var listen: [String] = []

    @Option(name: .customLong("allow"), help: "Client network allowed to get answers, CIDR (repeatable).")
    var allow: [String] = []

    @Option(help: "Datagrams answered per second per client.")
    var rate: Double = 1000

    @Flag(name: .customLong("no-tcp"), help: "Echo UDP only.")
    var noTCP = false

    @Flag(help: "Log every start and stop on stderr.")
    var verbose = false

    func validate() throws {
        for entry in listen where ResponderConfiguration.parseListen(entry) == nil {
            throw ValidationError("--listen '\(entry)': write ADDRESS:PORT or ADDRESS:LOW-HIGH, e.g. 0.0.0.0:5004")
        }
        for entry in allow where IPNetwork(entry) == nil {
            throw ValidationError("--allow '\(entry)': write a network in CIDR form, e.g. 203.0.113.0/24")
        }
        guard rate > 0 else { throw ValidationError("--rate must be a positive number of datagrams per second") }
    }

    func run() async throws {
        Diagnostics.bootstrap(verbose: verbose)
        let listenAddresses = (listen.isEmpty ? ["0.0.0.0:5004"] : listen).compactMap(
            ResponderConfiguration.parseListen)
        let networks =
            allow.isEmpty ? ["127.0.0.0/8", "::1/128"].compactMap(IPNetwork.init) : allow.compactMap(IPNetwork.init)
        let configuration = ResponderConfiguration(
            listen: listenAddresses, allow: networks, packetsPerSecondPerClient: rate, tcp: !noTCP)
        let stop = StopSignal()
        let signals = SignalTrap(stop: stop)
        defer { signals.cancel() }
        do {
            try await EchoResponder(configuration: configuration, logger: Logger(label: "netready")).run(until: stop)
        } catch let error as IOError {
            throw CommandFailure.tool("responder: \(error)")
        }
    }
}
