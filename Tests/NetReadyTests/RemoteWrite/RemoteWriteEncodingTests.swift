import Foundation
import NetReadyRemoteWrite
import Testing

/// Remote-write bodies: a snappy block of a protobuf WriteRequest, labels sorted, `--label`s on every series.
@Suite(.timeLimit(.minutes(1))) struct RemoteWriteEncodingTests {
    @Test func bodyDecodesToTheSamplesWithSortedLabelsAndTheSiteLabel() throws {
        let samples = [
            RemoteWriteSample(name: "netready_probe_success", labels: [("uri", "tcp://a:1"), ("kind", "tcp")], value: 1),
            RemoteWriteSample(name: "netready_agent_runs_total", labels: [], value: 7),
        ]
        let body = try RemoteWriteBatch.body(samples, timestampMs: 1_700_000_000_123, extraLabels: [("site", "lab1")])
        let request = try RemoteWriteBatch.decode(body)
        #expect(request.timeseries.count == 2)
        let first = request.timeseries[0]
        #expect(first.labels.map(\.name) == ["__name__", "kind", "site", "uri"])
        #expect(first.labels.map(\.value) == ["netready_probe_success", "tcp", "lab1", "tcp://a:1"])
        #expect(first.samples.map(\.value) == [1])
        #expect(first.samples.map(\.timestamp) == [1_700_000_000_123])
        #expect(request.timeseries[1].labels.map(\.name) == ["__name__", "site"])
        #expect(request.timeseries[1].samples.first?.value == 7)
    }

    @Test func extraLabelReplacesASeriesOwnLabelOfTheSameName() throws {
        let samples = [RemoteWriteSample(name: "m", labels: [("site", "old")], value: 1)]
        let body = try RemoteWriteBatch.body(samples, timestampMs: 1, extraLabels: [("site", "new")])
        let labels = try RemoteWriteBatch.decode(body).timeseries[0].labels
        #expect(labels.map(\.value) == ["m", "new"])
    }

    @Test func snappyRoundTripsAndCompressesRepetition() throws {
        let input = Array(String(repeating: "netready_probe_success{site=\"lab1\"} 1\n", count: 200).utf8)
        let compressed = Snappy.compress(input)
        #expect(compressed.count < input.count / 5)
        #expect(Snappy.uncompress(compressed) == input)
        #expect(Snappy.uncompress([]) == nil)
        #expect(Snappy.uncompress(Array("not snappy at all".utf8)) == nil)
        #expect(Snappy.compress([]).count >= 1)
    }

    @Test func backoffDoublesFromHalfASecondUpToTheCapAndResets() {
        var backoff = RemoteWriteBackoff()
        let waits = (0..<7).map { _ in backoff.next() }
        #expect(waits == [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(5), .seconds(5), .seconds(5)])
        backoff.reset()
        #expect(backoff.next() == .milliseconds(500))
        var custom = RemoteWriteBackoff(initial: .milliseconds(100), maximum: .milliseconds(250))
        #expect([custom.next(), custom.next(), custom.next()] == [.milliseconds(100), .milliseconds(200), .milliseconds(250)])
    }

    @Test func endpointsMustBeHTTPAndNeverShowTheirPassword() throws {
        #expect(throws: RemoteWriteConfigurationError.self) { try RemoteWriteEndpoint("ftp://host/write") }
        #expect(throws: RemoteWriteConfigurationError.self) { try RemoteWriteEndpoint("prometheus:9090") }
        #expect(throws: RemoteWriteConfigurationError.self) { try RemoteWriteEndpoint("http:///nohost") }
        do {
            _ = try RemoteWriteEndpoint("ftp://user:s3cret@host/write")
            Issue.record("accepted ftp")
        } catch {
            #expect(!"\(error)".contains("s3cret"))
        }
        let endpoint = try RemoteWriteEndpoint("https://user:s3cret@host.example:8443/api/v1/write")
        #expect(endpoint.redacted == "https://host.example:8443/api/v1/write")
        #expect(!endpoint.spoolName.contains("s3cret"))
        #expect(endpoint.spoolName.hasPrefix("host.example-8443-"))
    }

    @Test func credentialsComeFromTheEnvironmentAndDescribeOnlyTheirKind() throws {
        let bearer = try RemoteWriteCredentials(environment: ["NETREADY_REMOTE_WRITE_TOKEN": "t0ken"])
        #expect(bearer.kind == "bearer token")
        #expect(!"\(bearer)".contains("t0ken"))
        let basic = try RemoteWriteCredentials(environment: [
            "NETREADY_REMOTE_WRITE_USER": "u", "NETREADY_REMOTE_WRITE_PASSWORD": "pw",
        ])
        #expect("\(basic)" == "basic auth")
        #expect(try RemoteWriteCredentials(environment: [:]).kind == "none")
        #expect(throws: RemoteWriteConfigurationError.self) {
            try RemoteWriteCredentials(environment: ["NETREADY_REMOTE_WRITE_TOKEN": "a", "NETREADY_REMOTE_WRITE_USER": "b"])
        }
    }
}
