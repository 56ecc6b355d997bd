import Foundation
import Testing

extension LabTests {
    /// http(s):// host names go through netready's resolver (libcurl is pinned to its answer), so a DNS
    /// failure has the same reasons and `details.dns` as every other probe; checked against dig.
    @Suite(.timeLimit(.minutes(5))) struct HTTPResolutionLabTests {
        @Test func nameThatDoesNotExistIsNXDOMAINWithTheLookupRecorded() async throws {
            let probe = try await HTTPLabTests.probe("https://missing.lab.netready.test/", samples: 1)
            #expect(probe["reason"] as? String == "dns.nxdomain", "\(probe["message"] ?? "")")
            let details = try #require(probe["details"] as? [String: Any])
            #expect(details["dns"] != nil, "no lookup in \(details.keys)")
            let dig = try await Lab.exec(["dig", "+noall", "+comments", "missing.lab.netready.test"])
            #expect(dig.stdout.contains("status: NXDOMAIN"))
        }

        @Test func sinkholedNameIsNotFetchedFromTheSinkhole() async throws {
            // The lab answers sinkhole.lab.netready.test with 0.0.0.0: libcurl alone would connect there.
            let probe = try await HTTPLabTests.probe("http://sinkhole.lab.netready.test/", samples: 1)
            #expect(probe["reason"] as? String == "dns.sinkhole", "\(probe["message"] ?? "")")
            let dig = try await Lab.exec(["dig", "+short", "sinkhole.lab.netready.test"])
            #expect(dig.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.0.0.0")
        }

        @Test func refusingResolverIsRefusedNotNXDOMAIN() async throws {
            let probe = try await HTTPLabTests.probe(
                "http://good.lab.netready.test/ip", ["--resolver", "198.18.0.54"], samples: 1)
            #expect(probe["reason"] as? String == "dns.refused", "\(probe["message"] ?? "")")
        }

        @Test func resolvedAddressIsTheOneFetched() async throws {
            let probe = try await HTTPLabTests.probe("http://good.lab.netready.test/ip", ["-4"], samples: 1)
            #expect(probe["status"] as? String == "pass", "\(probe["message"] ?? "")")
            #expect(probe["address"] as? String == "198.18.0.2")
            let details = try #require(probe["details"] as? [String: Any])
            #expect(details["dns"] != nil)
        }
    }
}
