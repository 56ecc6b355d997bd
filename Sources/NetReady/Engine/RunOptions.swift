import NetReadyPosix

/// How a run probes: budgets, timeouts and where probes leave from. Built by the CLI from flags.
package struct RunOptions: Sendable {
    /// Attempts per probe, unless a target file or probe says otherwise.
    package var samples: Int = 5
    /// Time allowed for one attempt, unless a target file or probe says otherwise.
    package var timeout: Duration = .seconds(3)
    /// True when `samples` came from the command line, so it wins over a file's `defaults:`.
    package var samplesAreExplicit = false
    /// True when `timeout` came from the command line, so it wins over a file's `defaults:`.
    package var timeoutIsExplicit = false
    /// Attempts in flight at once, across all hosts.
    package var concurrency: Int = ProbeBudget.defaultConcurrency
    /// Attempts in flight at once towards one host.
    package var perHostConcurrency: Int = ProbeBudget.defaultConcurrency
    /// New attempts started per second; nil means as fast as the budget allows.
    package var ratePerSecond: Double?
    /// Pause between the samples of one probe, so samples see the path at different moments.
    package var sampleInterval: Duration = .milliseconds(200)
    /// The whole run stops (and is reported incomplete) after this long; nil means no limit.
    package var runDeadline: Duration?
    /// How long in-flight probes may finish after Ctrl-C or the run deadline.
    package var gracePeriod: Duration = .milliseconds(500)
    /// Only this address family, or both when nil (`-4` / `-6`).
    package var family: AddressFamily?
    /// Source address to bind before connecting (`--source`).
    package var sourceAddress: String?
    /// Interface to bind to (`--interface`, SO_BINDTODEVICE).
    package var interface: String?
    /// Limits media streams (`rtp://`) are judged against.
    package var mediaThresholds = MediaThresholds()
    /// Proxy for http/https probes (`--proxy`); nil leaves libcurl's environment defaults
    /// (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`).
    package var proxy: String?
    /// Tags to run; empty means every target (`--tag`).
    package var tags: [String] = []
    /// The resolvers and resolv.conf settings of the run (`--resolver`, `resolvers:`, resolv.conf); nil means
    /// resolv.conf as it is when a prober needs it.
    package var dns: DNSSettings?
    /// Extra trust anchors for TLS probes (`--ca-file`), on top of the system store or `SSL_CERT_FILE`.
    package var caFiles: [String] = []
    /// Trace the path to failed required `tcp://` and `udp://` probes (`--trace-blocked`, on by default).
    package var traceBlocked = true
    /// Counts attempts as they end, for a progress line; nil when nobody watches.
    package var attemptMeter: AttemptMeter?
    /// In `serve`: a quality stream (`stun:…?duration=`) to a public server runs at most once per this long per
    /// destination, its last result reused in between; nil (`check`) always streams.
    package var publicStreamInterval: Duration?

    package init() {}
}
