import ArgumentParser
import Foundation
import NetReady
import NetReadyHTTP
import NetReadyPosix

/// Flags that shape how probes run: samples, timeouts, budgets, source address, family.
struct ProbingOptions: ParsableArguments {
    @Option(help: "Attempts per probe (default 5; a target file's defaults apply when not given).")
    var samples: Int?

    @Option(help: "Time allowed for one attempt, e.g. 250ms, 3s (default 3s).")
    var timeout: String?

    @Option(help: "Attempts in flight at once (default: as many as the descriptor limit allows, up to 16384).")
    var concurrency: Int = ProbeBudget.defaultConcurrency

    @Option(
        name: .customLong("per-host"), help: "Attempts in flight at once towards one host (default: --concurrency).")
    var perHost: Int?

    @Option(help: "New attempts started per second (default: no limit).")
    var rate: Double?

    @Option(help: "Stop the whole run after this long and report what finished, e.g. 2m.")
    var deadline: String?

    @Option(help: "Probe from this source address (bind before connecting).")
    var source: String?

    @Option(help: "Probe through this interface (SO_BINDTODEVICE).", completion: Completions.interfaces)
    var interface: String?

    @Option(
        name: .customLong("resolver"),
        help: "Ask this resolver, IP[:PORT] (repeatable; default: the files' resolvers:, else /etc/resolv.conf).")
    var resolvers: [String] = []

    @Option(help: "Proxy for http/https probes, e.g. http://proxy:3128 (default: HTTPS_PROXY/HTTP_PROXY, NO_PROXY).")
    var proxy: String?

    @Option(name: .customLong("tag"), help: "Only run targets with this tag (repeatable).")
    var tags: [String] = []

    @Option(name: .customLong("max-loss"), help: "Media loss above this percentage is a warning (default 1).")
    var maxLoss: Double?

    @Option(name: .customLong("max-jitter"), help: "Media jitter above this is a warning, e.g. 30ms (default 30ms).")
    var maxJitter: String?

    @Option(name: .customLong("max-rtt"), help: "Media round trip above this is a warning, e.g. 100ms (default 100ms).")
    var maxRoundTrip: String?

    @Option(
        name: .customLong("ca-file"),
        help: """
            Extra trust anchors for TLS probes, a PEM file (repeatable; like curl's --cacert). \
            SSL_CERT_FILE, if set, replaces the system store.
            """,
        completion: .file(extensions: ["pem", "crt", "cer"]))
    var caFiles: [String] = []

    @Flag(
        inversion: .prefixedNo,
        help: "Trace the path to failed required tcp:// and udp:// probes: the hop that drops or rejects them.")
    var traceBlocked = true

    @Flag(name: .customShort("4"), help: "IPv4 only.")
    var ipv4Only = false

    @Flag(name: .customShort("6"), help: "IPv6 only.")
    var ipv6Only = false

    func validate() throws {
        if let samples, !(1...1000).contains(samples) {
            throw ValidationError("--samples must be between 1 and 1000, got \(samples)")
        }
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        if let perHost, perHost < 1 { throw ValidationError("--per-host must be at least 1") }
        if let rate, rate <= 0 { throw ValidationError("--rate must be a positive number of probes per second") }
        if ipv4Only && ipv6Only { throw ValidationError("-4 and -6 exclude each other") }
        if let source { try LocalEndpointCheck.source(source) }
        if let interface { try LocalEndpointCheck.interface(interface) }
        for resolver in resolvers {
            do {
                _ = try DNSSettings.parseEndpoint(resolver)
            } catch {
                throw ValidationError("--resolver must be IP, IP:PORT or [IPv6]:PORT, got '\(resolver)'")
            }
        }
        for file in caFiles where !FileManager.default.isReadableFile(atPath: file) {
            throw ValidationError("--ca-file '\(file)' is not a readable file")
        }
        _ = try parseDuration(timeout, flag: "--timeout")
        _ = try parseDuration(deadline, flag: "--deadline")
        _ = try parseDuration(maxJitter, flag: "--max-jitter")
        _ = try parseDuration(maxRoundTrip, flag: "--max-rtt")
        if let proxy, !proxy.contains("://") {
            throw ValidationError(
                "--proxy must be a URL such as http://proxy:3128, got '\(ProxySettings.withoutCredentials(proxy))'")
        }
        if let maxLoss, !(0...100).contains(maxLoss) { throw ValidationError("--max-loss is a percentage, 0 to 100") }
    }

    /// The run's options from these flags.
    func runOptions() throws -> RunOptions {
        var options = RunOptions()
        if let samples {
            options.samples = samples
            options.samplesAreExplicit = true
        }
        if let timeout = try parseDuration(timeout, flag: "--timeout") {
            options.timeout = timeout
            options.timeoutIsExplicit = true
        }
        options.concurrency = concurrency
        options.perHostConcurrency = perHost ?? concurrency
        options.ratePerSecond = rate
        options.runDeadline = try parseDuration(deadline, flag: "--deadline")
        options.sourceAddress = source
        options.interface = interface
        options.tags = tags
        options.caFiles = caFiles
        options.proxy = proxy
        options.traceBlocked = traceBlocked
        options.family = ipv4Only ? .inet : ipv6Only ? .inet6 : nil
        if let maxLoss {
            options.mediaThresholds.maxLossPercent = maxLoss
            options.mediaThresholds.lossIsExplicit = true
        }
        if let jitter = try parseDuration(maxJitter, flag: "--max-jitter") {
            options.mediaThresholds.maxJitterMilliseconds = jitter.milliseconds
            options.mediaThresholds.jitterIsExplicit = true
        }
        if let roundTrip = try parseDuration(maxRoundTrip, flag: "--max-rtt") {
            options.mediaThresholds.maxRoundTripMilliseconds = roundTrip.milliseconds
            options.mediaThresholds.roundTripIsExplicit = true
        }
        return options
    }

    /// The run's DNS settings: `--resolver`, else the files' `resolvers:`, else resolv.conf's nameservers.
    func dnsSettings(files: [TargetFile]) throws -> DNSSettings {
        let explicit = resolvers.isEmpty ? files.flatMap(\.resolvers) : resolvers
        var settings: DNSSettings
        do {
            settings = try DNSSettings.load(explicit: explicit, resolvConf: try? ResolvConf.load())
        } catch {
            throw CommandFailure.usage("netready: resolver \(error)")
        }
        // Lookups leave from the probed subnet too, not only the probes.
        settings.sourceAddress = source
        settings.interface = interface
        return settings
    }

    private func parseDuration(_ text: String?, flag: String) throws -> Duration? {
        guard let text else { return nil }
        do {
            let duration = try DurationParser.parse(text)
            guard duration > .zero else { throw ValidationError("\(flag) must be longer than zero") }
            return duration
        } catch let error as ValidationError {
            throw error
        } catch {
            throw ValidationError("\(flag) '\(text)': \(error)")
        }
    }
}
