/// NAT filtering behaviour (RFC 4787 section 5, discovered as in RFC 5780 section 4.4).
package enum NATFiltering: String, Sendable, Codable, CaseIterable {
    /// Anyone may send to a mapping once it exists.
    case endpointIndependent = "endpoint-independent"
    /// Only addresses the client has sent to may answer.
    case addressDependent = "address-dependent"
    /// Only the exact address and port the client has sent to may answer.
    case addressAndPortDependent = "address-and-port-dependent"

    /// Decides the filtering from RFC 5780 section 4.4's tests II (the server answers from its other address and
    /// port) and III (from its other port only).
    ///
    /// - Parameters:
    ///   - changedAddressAnswered: an answer arrived from the other address and port.
    ///   - changedPortAnswered: an answer arrived from the other port; nil when test III was not run.
    /// - Returns: nil when test III was needed and not run.
    static func decide(changedAddressAnswered: Bool, changedPortAnswered: Bool?) -> NATFiltering? {
        if changedAddressAnswered { return .endpointIndependent }
        guard let changedPortAnswered else { return nil }
        return changedPortAnswered ? .addressDependent : .addressAndPortDependent
    }
}
