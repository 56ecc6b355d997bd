/// A whole DNS message (RFC 1035 §4.1), decoded from or encoded to its wire form.
public struct DNSMessage: Sendable, Equatable {
    public var header: DNSHeader
    public var questions: [DNSQuestion]
    public var answers: [DNSRecord]
    public var authorities: [DNSRecord]
    /// The additional section, OPT included.
    public var additionals: [DNSRecord]

    public init(
        header: DNSHeader, questions: [DNSQuestion], answers: [DNSRecord] = [], authorities: [DNSRecord] = [],
        additionals: [DNSRecord] = []
    ) {
        self.header = header
        self.questions = questions
        self.answers = answers
        self.authorities = authorities
        self.additionals = additionals
    }

    /// The full response code: the header's four bits plus EDNS0's extended eight, when an OPT record is present.
    public var responseCode: DNSResponseCode {
        guard let opt = additionals.first(where: { $0.type == .opt }) else { return header.responseCode }
        return DNSResponseCode(rawValue: UInt16(opt.ttl >> 24) << 4 | header.responseCode.rawValue)
    }

    /// The UDP payload size the sender advertises with EDNS0, if it sent an OPT record.
    public var ednsUDPPayloadSize: UInt16? { additionals.first { $0.type == .opt }?.rawClass }

    /// Decodes an untrusted message: every count, length and pointer is checked, nothing traps.
    ///
    /// - Throws: ``WireError`` for truncated or malformed input, including counts the message cannot hold.
    public init(decoding bytes: [UInt8]) throws(WireError) {
        var reader = WireReader(bytes)
        let id = try reader.readUInt16()
        let flags = try reader.readUInt16()
        var counts: [UInt16] = []
        for _ in 0..<4 { counts.append(try reader.readUInt16()) }
        // A question takes at least 5 octets and a record 11: reject impossible counts before looping over them.
        let least = Int(counts[0]) * 5 + (Int(counts[1]) + Int(counts[2]) + Int(counts[3])) * 11
        guard least <= reader.remaining else {
            throw .malformed("counts \(counts) need at least \(least) octets, the message has \(reader.remaining)")
        }
        var questions: [DNSQuestion] = []
        for _ in 0..<counts[0] {
            let (name, end) = try DNSName.read(from: bytes, at: reader.offset)
            reader = WireReader(bytes, offset: end)
            questions.append(
                DNSQuestion(
                    name: name, type: DNSRecordType(rawValue: try reader.readUInt16()),
                    rawClass: try reader.readUInt16()))
        }
        var sections: [[DNSRecord]] = []
        for count in counts.dropFirst() {
            var records: [DNSRecord] = []
            for _ in 0..<count { records.append(try Self.readRecord(bytes, reader: &reader)) }
            sections.append(records)
        }
        self.init(
            header: DNSHeader(id: id, flags: flags), questions: questions, answers: sections[0],
            authorities: sections[1], additionals: sections[2])
    }

    private static func readRecord(_ bytes: [UInt8], reader: inout WireReader) throws(WireError) -> DNSRecord {
        let (name, end) = try DNSName.read(from: bytes, at: reader.offset)
        reader = WireReader(bytes, offset: end)
        let type = DNSRecordType(rawValue: try reader.readUInt16())
        let rawClass = try reader.readUInt16()
        let ttl = try reader.readUInt32()
        let length = Int(try reader.readUInt16())
        let start = reader.offset
        _ = try reader.readBytes(length)
        let data = try DNSRecordData.decode(type: type, message: bytes, range: start..<start + length)
        return DNSRecord(name: name, type: type, rawClass: rawClass, ttl: ttl, data: data)
    }

    /// The wire form, names compressed.
    ///
    /// - Throws: ``WireError/malformed(_:)`` for a name or TXT string that cannot be encoded, or too many records.
    public func encoded() throws(WireError) -> [UInt8] {
        let sections = [answers, authorities, additionals]
        guard ([questions.count] + sections.map(\.count)).allSatisfy({ $0 <= Int(UInt16.max) }) else {
            throw .malformed("more than 65535 entries in a section")
        }
        var message: [UInt8] = []
        func append16(_ value: UInt16) { message += [UInt8(value >> 8), UInt8(value & 0xFF)] }
        append16(header.id)
        append16(header.flags)
        append16(UInt16(questions.count))
        for section in sections { append16(UInt16(section.count)) }
        var compressor = DNSNameCompressor()
        for question in questions {
            try compressor.write(question.name, into: &message)
            append16(question.type.rawValue)
            append16(question.rawClass)
        }
        for record in sections.joined() {
            try compressor.write(record.name, into: &message)
            append16(record.type.rawValue)
            append16(record.rawClass)
            for shift in [24, 16, 8, 0] { message.append(UInt8((record.ttl >> UInt32(shift)) & 0xFF)) }
            let lengthAt = message.count
            append16(0)
            try record.data.encode(into: &message, compressor: &compressor)
            let length = message.count - lengthAt - 2
            guard length <= Int(UInt16.max) else { throw .malformed("record data of \(length) octets") }
            message[lengthAt] = UInt8(length >> 8)
            message[lengthAt + 1] = UInt8(length & 0xFF)
        }
        return message
    }

    /// A recursive query for one question, with an EDNS0 OPT record when `ednsUDPPayloadSize` is given.
    public static func query(id: UInt16, question: DNSQuestion, ednsUDPPayloadSize: UInt16? = 1232) -> DNSMessage {
        DNSMessage(
            header: DNSHeader(id: id, recursionDesired: true), questions: [question],
            additionals: ednsUDPPayloadSize.map { [DNSRecord.opt(udpPayloadSize: $0)] } ?? [])
    }
}
