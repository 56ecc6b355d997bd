import NetReadyPosix

/// What a `stun:`/`stuns:` probe saw: the server asked, the addresses it reflected (one per fresh flow), and the
/// server facts from its first useful answer.
package struct STUNObservation: Encodable, Sendable {
    /// `udp`, `tcp` or `tls`.
    package var transport: String
    package var serverAddress: SocketAddress
    /// Every mapped (XOR-MAPPED) address of a Binding success: the egress evidence.
    package var mappedAddresses: [SocketAddress]
    package var mappedAddress: SocketAddress?
    package var responseOrigin: SocketAddress?
    /// RFC 5780 OTHER-ADDRESS, which NAT behaviour discovery needs.
    package var otherAddress: SocketAddress?
    package var software: String?
    /// Over UDP: requests sent per attempt (RFC 8489 retransmissions).
    package var transmissions: [Int]?
    /// Set (to the code's words, or nil when the error response had none) when the server answered with an error.
    package var errorCode: String??

    enum CodingKeys: String, CodingKey {
        case transport, software, transmissions
        case serverAddress = "server_address"
        case mappedAddresses = "mapped_addresses"
        case mappedAddress = "mapped_address"
        case responseOrigin = "response_origin"
        case otherAddress = "other_address"
        case errorCode = "error_code"
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(transport, forKey: .transport)
        try container.encode(serverAddress.description, forKey: .serverAddress)
        try container.encode(mappedAddresses.map(\.description), forKey: .mappedAddresses)
        try container.encode(mappedAddress?.description, forKey: .mappedAddress)
        try container.encode(responseOrigin?.description, forKey: .responseOrigin)
        try container.encode(otherAddress?.description, forKey: .otherAddress)
        try container.encode(software, forKey: .software)
        try container.encodeIfPresent(transmissions, forKey: .transmissions)
        if let errorCode { try container.encode(errorCode, forKey: .errorCode) }
    }
}

/// RFC 5780 NAT behaviour discovery against a STUN server's OTHER-ADDRESS (`details.nat_*`).
package struct NATObservation: Encodable, Sendable {
    package var mapping: NATMapping?
    package var filtering: NATFiltering?
    /// Each mapping test: where the Binding went and the address it reported.
    package var mappingTests: [(destination: SocketAddress, mapped: String?)]
    /// Each filtering test: what the server was asked to change and whether its answer arrived.
    package var filteringTests: [(change: String, answered: Bool)]
    package var problems: [String]

    enum CodingKeys: String, CodingKey {
        case mapping = "nat_mapping"
        case filtering = "nat_filtering"
        case tests = "nat_tests"
    }

    enum TestKeys: String, CodingKey {
        case mapping, filtering, problems
    }

    enum MappingTestKeys: String, CodingKey {
        case destination, mapped
    }

    enum FilteringTestKeys: String, CodingKey {
        case change, answered
    }

    package func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(mapping?.rawValue, forKey: .mapping)
        try container.encode(filtering?.rawValue, forKey: .filtering)
        var tests = container.nestedContainer(keyedBy: TestKeys.self, forKey: .tests)
        var mappings = tests.nestedUnkeyedContainer(forKey: .mapping)
        for test in mappingTests {
            var entry = mappings.nestedContainer(keyedBy: MappingTestKeys.self)
            try entry.encode(test.destination.description, forKey: .destination)
            try entry.encode(test.mapped, forKey: .mapped)
        }
        var filterings = tests.nestedUnkeyedContainer(forKey: .filtering)
        for test in filteringTests {
            var entry = filterings.nestedContainer(keyedBy: FilteringTestKeys.self)
            try entry.encode(test.change, forKey: .change)
            try entry.encode(test.answered, forKey: .answered)
        }
        try tests.encode(problems, forKey: .problems)
    }
}
