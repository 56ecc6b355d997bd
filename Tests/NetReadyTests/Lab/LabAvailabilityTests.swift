import Foundation
import Testing

/// In CI the lab tests must run, never skip: this fails there when the lab is not available.
@Suite struct LabAvailabilityTests {
    @Test func labRunsInCI() async throws {
        guard ProcessInfo.processInfo.environment["CI"] != nil else { return }
        #expect(Lab.unavailableReason == nil, "CI must run the lab tests: \(Lab.unavailableReason ?? "")")
        try await Lab.ensureUp()
    }
}
