import Foundation

/// One attempt of a probe: when it started, how long it took, and what happened.
package struct Attempt: Codable, Sendable, Equatable {
    /// Wall-clock start, written as RFC 3339.
    package var at: Date
    /// Round-trip time in milliseconds, nil when there was no answer.
    package var ms: Double?
    /// A short word for the outcome: `open`, `refused`, `timeout`, `prohibited`, ...
    package var outcome: String
    /// The address this attempt went to, when a probe has more than one.
    package var address: String?

    package init(at: Date, ms: Double?, outcome: String, address: String? = nil) {
        self.at = at
        self.ms = ms
        self.outcome = outcome
        self.address = address
    }
}
