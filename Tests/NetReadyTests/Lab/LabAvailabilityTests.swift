import Foundation
import Testing

/// In CI the lab tests must run, never skip: this fails there when the lab is not available.
@Suite(.timeLimit(.minutes(5))) struct LabAvailabilityTests {
    @Test func labRunsInCI() async throws {
        guard ProcessInfo.processInfo.environment["CI"] != nil else { return }
        // Whether the lab comes up is every lab test's first step (scripts/test runs them apart,
        // under the lab lock); this test runs with the unit tests and must not touch the lab.
        #expect(Lab.unavailableReason == nil, "CI must run the lab tests: \(Lab.unavailableReason ?? "")")
    }
}
