/// The outcome of one probe, or of a target made of probes.
///
/// `error` means netready itself could not run the probe (no permission for a raw socket, no
/// file descriptors left), as distinct from `fail`, where the network answered badly or not at all.
package enum ProbeStatus: String, Codable, Sendable, CaseIterable, Comparable {
    case pass, warn, skip, fail, error

    /// How bad a status is, so a target can take the worst of its probes.
    var severity: Int {
        switch self {
        case .pass: 0
        case .skip: 1
        case .warn: 2
        case .fail: 3
        case .error: 4
        }
    }

    package static func < (lhs: ProbeStatus, rhs: ProbeStatus) -> Bool { lhs.severity < rhs.severity }
}
