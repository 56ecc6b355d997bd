/// A DNS resource record type (RFC 1035 §3.2.2 and successors), open to codes this build does not name.
public struct DNSRecordType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt16

    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let a = DNSRecordType(rawValue: 1)
    public static let ns = DNSRecordType(rawValue: 2)
    public static let cname = DNSRecordType(rawValue: 5)
    public static let soa = DNSRecordType(rawValue: 6)
    public static let txt = DNSRecordType(rawValue: 16)
    public static let aaaa = DNSRecordType(rawValue: 28)
    public static let srv = DNSRecordType(rawValue: 33)
    public static let opt = DNSRecordType(rawValue: 41)

    private static let names: [UInt16: String] = [
        1: "A", 2: "NS", 5: "CNAME", 6: "SOA", 16: "TXT", 28: "AAAA", 33: "SRV", 41: "OPT",
    ]

    /// The type named `name` (`"AAAA"`, case-insensitive), or nil for a name this build does not know.
    public init?(name: String) {
        let upper = name.uppercased()
        guard let code = Self.names.first(where: { $0.value == upper })?.key else { return nil }
        self.init(rawValue: code)
    }

    /// The mnemonic (`AAAA`), or `TYPE65` (RFC 3597) for an unnamed code.
    public var description: String { Self.names[rawValue] ?? "TYPE\(rawValue)" }
}

/// A DNS response code (RFC 1035 §4.1.1, RFC 6895), open to codes this build does not name.
public struct DNSResponseCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt16

    public init(rawValue: UInt16) { self.rawValue = rawValue }

    public static let noError = DNSResponseCode(rawValue: 0)
    public static let formatError = DNSResponseCode(rawValue: 1)
    public static let serverFailure = DNSResponseCode(rawValue: 2)
    public static let nameError = DNSResponseCode(rawValue: 3)
    public static let notImplemented = DNSResponseCode(rawValue: 4)
    public static let refused = DNSResponseCode(rawValue: 5)

    /// dig's spelling: `NOERROR`, `NXDOMAIN`, `SERVFAIL`, ...
    public var description: String {
        switch rawValue {
        case 0: "NOERROR"
        case 1: "FORMERR"
        case 2: "SERVFAIL"
        case 3: "NXDOMAIN"
        case 4: "NOTIMP"
        case 5: "REFUSED"
        default: "RCODE\(rawValue)"
        }
    }
}
