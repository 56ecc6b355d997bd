import Foundation
import NetReadyPosix
import NetReadyTestSupport
import Testing

/// The TLS prober against `openssl s_server` on loopback, for what the lab's servers do not cover.
@Suite(.serialized, .timeLimit(.minutes(3))) struct TLSProberLoopbackTests {
    /// Runs a command to its end, off the cooperative pool; its output is not needed.
    static func run(_ executable: String, _ arguments: [String]) async throws {
        try await onOwnThread {
            let process = ChildProcess(executable, arguments)
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw LabError("\(executable) \(arguments) failed") }
        }
    }

    /// A self-signed certificate for `soon.test` (and `san`) valid for `days`, served by `openssl s_server` while
    /// `body` runs; with `www`, s_server answers HTTP GETs with a status page.
    static func withServer(
        days: Int, san: String = "DNS:soon.test", www: Bool = false, subject: String = "/CN=soon.test",
        _ body: (UInt16, String) async throws -> Void
    ) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("netready-tls-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let cert = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        try await run(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key,
                "-out", cert, "-days", "\(days)", "-subj", subject, "-addext", "subjectAltName=\(san)",
            ])
        let serverLog = directory.appendingPathComponent("s_server.log")
        FileManager.default.createFile(atPath: serverLog.path, contents: nil)
        let started: (server: ChildProcess, port: UInt16)
        do {
            started = try await BoundPort.start([.tcp]) { port in
                let server = ChildProcess(
                    "/usr/bin/openssl",
                    ["s_server", "-accept", "127.0.0.1:\(port)", "-cert", cert, "-key", key, "-quiet"]
                        + (www ? ["-www"] : []))
                server.standardInput = Pipe()
                server.standardOutput = FileHandle.nullDevice
                server.standardError = try FileHandle(forWritingTo: serverLog)
                return server
            }
        } catch {
            let log = (try? String(contentsOf: serverLog, encoding: .utf8)) ?? ""
            throw LabError("openssl s_server: \(error); its stderr: \(log)")
        }
        let (server, port) = started
        let outcome: Result<Void, any Error>
        do {
            try await body(port, cert)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        // Stopped off the cooperative pool: a blocked pool thread would stall other tests' timing.
        try await onOwnThread {
            server.terminate()
            server.waitUntilExit()
        }
        try outcome.get()
    }

    /// Checks `uri` trusting `cert` and expects the expiring-soon warning; returns the probe.
    static func expectExpiringSoon(_ uri: String, cert: String) async throws -> [String: Any] {
        let output = try await NetReadyBinary.run([
            "check", uri, "--ca-file", cert, "--samples", "1", "--format", "json",
        ])
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
        let probe = try #require(try ReportProbes(output)[uri])
        #expect(probe["status"] as? String == "warn", "message: \(probe["message"] ?? "")")
        #expect(probe["reason"] as? String == "tls.expired")
        // Days left, not "expired": the certificate still works.
        #expect((probe["message"] as? String)?.contains("certificate expires in 5 days, on ") == true, "\(probe)")
        let table = try await NetReadyBinary.run([
            "check", uri, "--ca-file", cert, "--samples", "1", "--format", "table",
        ])
        #expect(table.stdout.contains("certificate expires soon (tls.expired)"), "\(table.stdout)")
        #expect(!table.stdout.contains("certificate expired"), "\(table.stdout)")
        return probe
    }

    @Test func certificateExpiringWithinFourteenDaysIsAWarning() async throws {
        try await Self.withServer(days: 5) { port, cert in
            let probe = try await Self.expectExpiringSoon("tls://127.0.0.1:\(port)?sni=soon.test", cert: cert)
            #expect((probe["details"] as? [String: Any])?["sni"] as? String == "soon.test")
        }
    }

    @Test func httpsThroughAnInspectionProductsTrustedCAIsInterceptedAsForTLS() async throws {
        // The inspection proxy's CA is trusted here (as on a managed laptop): the chain verifies, and still the
        // issuer names the product. https:// fails as tls:// does, naming it.
        let subject = "/O=Zscaler Inc./CN=Zscaler Intermediate Root CA"
        try await Self.withServer(days: 365, san: "IP:127.0.0.1", www: true, subject: subject) { port, cert in
            for uri in ["https://127.0.0.1:\(port)/", "tls://127.0.0.1:\(port)"] {
                let output = try await NetReadyBinary.run([
                    "check", uri, "--ca-file", cert, "--samples", "1", "--format", "json",
                ])
                let probe = try #require(try ReportProbes(output)[uri])
                #expect(probe["status"] as? String == "fail", "\(uri): \(probe["message"] ?? "")")
                #expect(probe["reason"] as? String == "tls.intercepted", "\(uri): \(probe["message"] ?? "")")
                #expect((probe["message"] as? String)?.contains("Zscaler") == true)
            }
        }
    }

    @Test func httpsCertificateExpiringWithinFourteenDaysIsAWarningToo() async throws {
        try await Self.withServer(days: 5, san: "IP:127.0.0.1", www: true) { port, cert in
            _ = try await Self.expectExpiringSoon("https://127.0.0.1:\(port)/", cert: cert)
        }
        try await Self.withServer(days: 60, san: "IP:127.0.0.1", www: true) { port, cert in
            let uri = "https://127.0.0.1:\(port)/"
            let output = try await NetReadyBinary.run([
                "check", uri, "--ca-file", cert, "--samples", "1", "--format", "json",
            ])
            let probe = try #require(try ReportProbes(output)[uri])
            #expect(probe["status"] as? String == "pass", "message: \(probe["message"] ?? "")")
        }
    }

    @Test func validForLongerPassesAndMissingCAFileIsBadUsage() async throws {
        try await Self.withServer(days: 60) { port, cert in
            let uri = "tls://127.0.0.1:\(port)?sni=soon.test"
            let output = try await NetReadyBinary.run(
                ["check", uri, "--ca-file", cert, "--samples", "1", "--format", "json"])
            #expect(try ReportProbes(output)[uri]?["status"] as? String == "pass")
            let missing = try await NetReadyBinary.run(["check", uri, "--ca-file", "/nonexistent.pem"])
            #expect(missing.status == 2)
        }
    }
}
