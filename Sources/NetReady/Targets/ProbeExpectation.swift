/// Whether a probe is meant to get through (`reachable`, the default) or to be stopped (`blocked`).
public enum ProbeExpectation: String, Sendable, Codable, CaseIterable {
    case reachable, blocked
}
