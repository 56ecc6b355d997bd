import ArgumentParser
import Foundation
import NetReady
import NetReadyRemoteWrite

/// `serve`'s push flags: Prometheus remote-write from sites a central Prometheus cannot reach.
struct RemoteWriteOptions: ParsableArguments {
    @Option(
        name: .customLong("remote-write"),
        help: """
            Push each run's samples to this Prometheus remote-write URL (repeatable), e.g. \
            http://prometheus:9090/api/v1/write. Credentials come from the environment only: \
            NETREADY_REMOTE_WRITE_TOKEN (bearer) or NETREADY_REMOTE_WRITE_USER and _PASSWORD (basic auth).
            """)
    var urls: [String] = []

    @Option(
        name: .customLong("label"),
        help: "NAME=VALUE added to every pushed series (repeatable), e.g. site=paris-3.")
    var labels: [String] = []

    @Option(
        help: """
            Folder for samples not delivered yet (one file per run and receiver); they survive a restart \
            and are sent, oldest first, before newer ones. Without it they wait in memory.
            """)
    var spool: String?

    @Option(help: "Runs kept per receiver while it cannot be reached; past that the oldest are dropped (counted).")
    var spoolLimit = 10_000

    @Option(help: "Time allowed for one push (connection, request and answer), e.g. 10s.")
    var remoteWriteTimeout = "10s"

    @Option(help: "First wait after a failed push; it doubles after each further failure.")
    var remoteWriteBackoff = "0.5s"

    @Option(help: "Longest wait between two attempts of a failing push.")
    var remoteWriteMaxBackoff = "5s"

    func validate() throws {
        for url in urls {
            do { _ = try RemoteWriteEndpoint(url) } catch { throw ValidationError("\(error)") }
        }
        _ = try parsedLabels()
        guard spoolLimit >= 1 else { throw ValidationError("--spool-limit must be at least 1") }
        let (timeout, initial, maximum) = try durations()
        guard timeout >= .milliseconds(100) else { throw ValidationError("--remote-write-timeout must be at least 100ms") }
        guard initial >= .milliseconds(10), maximum >= initial else {
            throw ValidationError("--remote-write-backoff must be at least 10ms and not above --remote-write-max-backoff")
        }
        do { _ = try RemoteWriteCredentials() } catch { throw ValidationError("\(error)") }
    }

    /// `--label` values as (name, value), each name a valid Prometheus label name.
    func parsedLabels() throws -> [(String, String)] {
        try labels.map { text in
            let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[1].isEmpty, Self.isLabelName(parts[0]) else {
                throw ValidationError(
                    "--label '\(text)': write NAME=VALUE with NAME of letters, digits and _ (not starting with a digit or __)")
            }
            return (parts[0], parts[1])
        }
    }

    /// `[a-zA-Z_][a-zA-Z0-9_]*`, without Prometheus's reserved `__` prefix.
    static func isLabelName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !name.hasPrefix("__") else { return false }
        let letters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_")
        return letters.contains(first)
            && name.unicodeScalars.allSatisfy { letters.contains($0) || ("0"..."9").contains($0) }
    }

    func durations() throws -> (timeout: Duration, initial: Duration, maximum: Duration) {
        func parse(_ text: String, _ flag: String) throws -> Duration {
            do { return try DurationParser.parse(text) } catch { throw ValidationError("\(flag) '\(text)': \(error)") }
        }
        return (
            try parse(remoteWriteTimeout, "--remote-write-timeout"), try parse(remoteWriteBackoff, "--remote-write-backoff"),
            try parse(remoteWriteMaxBackoff, "--remote-write-max-backoff")
        )
    }
}
