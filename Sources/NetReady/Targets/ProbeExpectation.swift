/// Whether a probe is meant to get through (`reachable`, the default) or to be stopped (`blocked`).
package enum ProbeExpectation: String, Sendable, Codable, CaseIterable {
    case reachable, blocked
}
