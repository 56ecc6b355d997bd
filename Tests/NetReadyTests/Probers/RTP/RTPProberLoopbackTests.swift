import Foundation
import NetReadyTestSupport
import Testing

/// The RTP prober against the real `netready responder` on loopback: the responder binds port 0 and names the
/// port it got in its start line, so no fixed port is assumed.
@Suite(.timeLimit(.minutes(3))) struct RTPProberLoopbackTests {
    /// `netready responder --listen 127.0.0.1:0`, running until `stop()`.
    final class Responder {
        let process: ChildProcess
        let port: UInt16

        init(_ extra: [String] = []) async throws {
            let process = ChildProcess(NetReadyBinary.path, ["responder", "--listen", "127.0.0.1:0"] + extra)
            let stderr = Pipe()
            process.standardError = stderr
            try process.run()
            self.process = process
            let reader = stderr.fileHandleForReading
            // Blocking reads off the cooperative pool until the start line; EOF means the responder died.
            let line = try await onOwnThread { () throws -> String in
                var text = ""
                while !text.contains("responder listening") {
                    let chunk = reader.availableData
                    if chunk.isEmpty { throw LabError("responder exited before listening: \(text)") }
                    text += String(decoding: chunk, as: UTF8.self)
                }
                return text
            }
            let match = try #require(line.firstMatch(of: /first_udp=127\.0\.0\.1:(\d+)/), "\(line)")
            port = try #require(UInt16(match.1))
        }

        func stop() async throws {
            process.terminate()
            let process = process
            try await onOwnThread { process.waitUntilExit() }
        }
    }

    /// Streams to the responder for `duration`, then stops it whatever happened.
    static func stream(to responder: Responder, duration: String) async throws -> [String: Any] {
        let uri = "rtp://127.0.0.1:\(responder.port)?duration=\(duration)"
        let outcome: Result<NetReadyBinary.Output, any Error>
        do {
            outcome = .success(try await NetReadyBinary.run(["check", uri, "--format", "json", "--timeout", "1s"]))
        } catch {
            outcome = .failure(error)
        }
        try await responder.stop()
        let output = try outcome.get()
        return try #require(try ReportProbes(output)[uri], "\(output.stderr)")
    }

    @Test func aClearLoopbackStreamLosesNothingAndScoresWell() async throws {
        let responder = try await Responder()
        let probe = try await Self.stream(to: responder, duration: "2s")
        #expect(probe["status"] as? String == "pass", "\(probe["message"] ?? "")")
        let media = try #require((probe["details"] as? [String: Any])?["media"] as? [String: Any])
        // G.711 at one packet per 20 ms for 2 s.
        #expect(media["sent"] as? Int == 100)
        #expect(media["received"] as? Int == 100)
        #expect(media["lost"] as? Int == 0)
        #expect(media["codec"] as? String == "g711")
        let mos = try #require(media["mos"] as? Double)
        #expect(mos > 4.0 && mos <= 4.5, "\(mos)")
    }

    @Test func aResponderThatRefusesTheClientMeansTotalLoss() async throws {
        // Allowed clients only from 192.0.2.0/24: loopback packets arrive and are never echoed.
        let responder = try await Responder(["--allow", "192.0.2.0/24", "--no-tcp"])
        let probe = try await Self.stream(to: responder, duration: "1s")
        #expect(probe["status"] as? String == "fail", "\(probe["message"] ?? "")")
        let media = (probe["details"] as? [String: Any])?["media"] as? [String: Any]
        #expect(media?["received"] as? Int ?? 0 == 0)
    }
}
