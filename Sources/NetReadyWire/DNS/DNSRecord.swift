/// One resource record of an answer, authority or additional section.
public struct DNSRecord: Sendable, Equatable {
    /// The owner name.
    public var name: String
    public var type: DNSRecordType
    /// The class (1 = IN); for OPT, the requester's UDP payload size.
    public var rawClass: UInt16
    /// Time to live in seconds; for OPT, extended rcode, version and flags.
    public var ttl: UInt32
    public var data: DNSRecordData

    public init(name: String, type: DNSRecordType, rawClass: UInt16 = 1, ttl: UInt32, data: DNSRecordData) {
        self.name = name
        self.type = type
        self.rawClass = rawClass
        self.ttl = ttl
        self.data = data
    }

    /// An EDNS0 OPT pseudo-record (RFC 6891) advertising `udpPayloadSize`.
    public static func opt(udpPayloadSize: UInt16) -> DNSRecord {
        DNSRecord(name: ".", type: .opt, rawClass: udpPayloadSize, ttl: 0, data: .opt([]))
    }
}

/// The typed contents (RDATA) of a record.
public enum DNSRecordData: Sendable, Equatable {
    /// IPv4 address, 4 bytes.
    case a([UInt8])
    /// IPv6 address, 16 bytes.
    case aaaa([UInt8])
    case cname(String)
    case ns(String)
    case srv(priority: UInt16, weight: UInt16, port: UInt16, target: String)
    /// One or more character strings.
    case txt([[UInt8]])
    case soa(
        primary: String, mailbox: String, serial: UInt32, refresh: UInt32, retry: UInt32, expire: UInt32,
        minimum: UInt32)
    /// EDNS0 options, undecoded.
    case opt([UInt8])
    /// A type this codec does not decode.
    case unknown([UInt8])

    /// The record data as dig prints it: `198.18.0.2`, `10 10 5060 good.example.`, `"v=spf1" "-all"`.
    public var presentation: String {
        switch self {
        case .a(let bytes), .aaaa(let bytes): IPAddressText.format(bytes)
        case .cname(let name), .ns(let name): name + (name == "." ? "" : ".")
        case .srv(let priority, let weight, let port, let target):
            "\(priority) \(weight) \(port) \(target)\(target == "." ? "" : ".")"
        case .txt(let strings): strings.map { "\"" + Self.escaped($0) + "\"" }.joined(separator: " ")
        case .soa(let primary, let mailbox, let serial, let refresh, let retry, let expire, let minimum):
            "\(primary). \(mailbox). \(serial) \(refresh) \(retry) \(expire) \(minimum)"
        case .opt(let bytes), .unknown(let bytes): "\\# \(bytes.count)"
        }
    }

    private static func escaped(_ bytes: [UInt8]) -> String {
        var text = ""
        for byte in bytes {
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                text += "\\" + String(UnicodeScalar(byte))
            } else if byte >= 0x20 && byte < 0x7F {
                text.unicodeScalars.append(UnicodeScalar(byte))
            } else {
                let digits = String(byte)
                text += "\\" + String(repeating: "0", count: 3 - digits.count) + digits
            }
        }
        return text
    }

    /// Decodes RDATA of `type` occupying `range` of `message` (names may point anywhere earlier in it).
    static func decode(type: DNSRecordType, message: [UInt8], range: Range<Int>) throws(WireError) -> DNSRecordData {
        // Reads may run past `range` into the next record; the check at the end rejects any that did.
        var reader = WireReader(message, offset: range.lowerBound)
        func name() throws(WireError) -> String {
            let (name, end) = try DNSName.read(from: message, at: reader.offset)
            guard end <= range.upperBound else {
                throw .malformed("a name in \(type) data runs past its \(range.count) octets")
            }
            reader = WireReader(reader.bytes, offset: end)
            return name
        }
        let data: DNSRecordData
        switch type {
        case .a:
            guard range.count == 4 else { throw .malformed("A data of \(range.count) octets (want 4)") }
            data = .a(Array(try reader.readBytes(4)))
        case .aaaa:
            guard range.count == 16 else { throw .malformed("AAAA data of \(range.count) octets (want 16)") }
            data = .aaaa(Array(try reader.readBytes(16)))
        case .cname: data = .cname(try name())
        case .ns: data = .ns(try name())
        case .srv:
            let priority = try reader.readUInt16()
            let weight = try reader.readUInt16()
            let port = try reader.readUInt16()
            data = .srv(priority: priority, weight: weight, port: port, target: try name())
        case .txt:
            var strings: [[UInt8]] = []
            while reader.offset < range.upperBound {
                let length = Int(try reader.readUInt8())
                strings.append(Array(try reader.readBytes(length)))
            }
            guard !strings.isEmpty else { throw .malformed("empty TXT data") }
            data = .txt(strings)
        case .soa:
            let primary = try name()
            let mailbox = try name()
            data = .soa(
                primary: primary, mailbox: mailbox, serial: try reader.readUInt32(), refresh: try reader.readUInt32(),
                retry: try reader.readUInt32(), expire: try reader.readUInt32(), minimum: try reader.readUInt32())
        case .opt: data = .opt(Array(try reader.readBytes(range.count)))
        default: data = .unknown(Array(try reader.readBytes(range.count)))
        }
        guard reader.offset == range.upperBound else {
            throw .malformed("\(type) data has \(range.upperBound - reader.offset) octets left over")
        }
        return data
    }

    /// Appends the RDATA (without its length) to `message`, compressing names where RFC 3597 allows it.
    func encode(into message: inout [UInt8], compressor: inout DNSNameCompressor) throws(WireError) {
        func append16(_ value: UInt16) { message += [UInt8(value >> 8), UInt8(value & 0xFF)] }
        func append32(_ value: UInt32) {
            for shift in [24, 16, 8, 0] { message.append(UInt8((value >> shift) & 0xFF)) }
        }
        switch self {
        case .a(let bytes), .aaaa(let bytes), .opt(let bytes), .unknown(let bytes): message += bytes
        case .cname(let name), .ns(let name): try compressor.write(name, into: &message)
        case .srv(let priority, let weight, let port, let target):
            append16(priority)
            append16(weight)
            append16(port)
            // RFC 2782: the SRV target is not compressed.
            var plain = DNSNameCompressor()
            try plain.write(target, into: &message)
        case .txt(let strings):
            for string in strings {
                guard string.count <= 255 else { throw .malformed("TXT string of \(string.count) octets") }
                message.append(UInt8(string.count))
                message += string
            }
        case .soa(let primary, let mailbox, let serial, let refresh, let retry, let expire, let minimum):
            try compressor.write(primary, into: &message)
            try compressor.write(mailbox, into: &message)
            for value in [serial, refresh, retry, expire, minimum] { append32(value) }
        }
    }
}
