/// Domain names on the wire (RFC 1035 §3.1, §4.1.4): labels, compression pointers, and their limits.
///
/// Names are handled as lower-case-insensitive presentation text without the trailing dot (`"."` is the root).
/// Bytes outside printable ASCII, and `.` or `\` inside a label, are written `\DDD` as in zone files.
public enum DNSName {
    /// The longest name on the wire, length octets and the final zero included.
    public static let maximumWireLength = 255
    /// The longest label.
    public static let maximumLabelLength = 63

    /// Reads the name starting at `offset` in `message`, following compression pointers.
    ///
    /// Every pointer must point before the start of the labels it was reached from, so loops and forward pointers
    /// are rejected, as are labels longer than 63, the reserved label types, and names longer than 255 octets.
    /// - Returns: the name and the offset just after it where it was written (after the first pointer, if any).
    public static func read(from message: [UInt8], at offset: Int) throws(WireError) -> (name: String, end: Int) {
        var labels: [ArraySlice<UInt8>] = []
        var position = offset
        var lowestStart = offset
        var end: Int?
        var wireLength = 1
        while true {
            guard position >= 0, position < message.count else {
                throw .truncated(at: position, wanted: 1)
            }
            let length = Int(message[position])
            switch length & 0xC0 {
            case 0xC0:
                guard position + 1 < message.count else { throw .truncated(at: position, wanted: 2) }
                let target = (length & 0x3F) << 8 | Int(message[position + 1])
                if end == nil { end = position + 2 }
                guard target < lowestStart else {
                    throw .malformed("compression pointer at \(position) to \(target) does not point backwards")
                }
                lowestStart = target
                position = target
            case 0x00:
                if length == 0 {
                    let name = labels.isEmpty ? "." : labels.map(presentation).joined(separator: ".")
                    return (name, end ?? position + 1)
                }
                wireLength += length + 1
                guard wireLength <= maximumWireLength else {
                    throw .malformed("name at \(offset) is longer than \(maximumWireLength) octets")
                }
                guard position + 1 + length <= message.count else {
                    throw .truncated(at: position + 1, wanted: length)
                }
                labels.append(message[(position + 1)...(position + length)])
                position += 1 + length
            default:
                throw .malformed("label at \(position) is longer than 63 octets (length byte \(length))")
            }
        }
    }

    /// The wire labels of a presentation name; `\DDD` and `\X` escapes are understood.
    ///
    /// - Throws: ``WireError/malformed(_:)`` for empty labels, labels over 63 octets or names over 255.
    public static func labels(of name: String) throws(WireError) -> [[UInt8]] {
        if name == "." || name.isEmpty { return [] }
        var labels: [[UInt8]] = []
        var current: [UInt8] = []
        var bytes = Array(name.utf8)[...]
        if bytes.last == UInt8(ascii: ".") && !(bytes.count >= 2 && bytes[bytes.endIndex - 2] == UInt8(ascii: "\\")) {
            bytes = bytes.dropLast()
        }
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                guard !current.isEmpty else { throw .malformed("'\(name)' has an empty label") }
                labels.append(current)
                current = []
            } else if byte == UInt8(ascii: "\\"), index + 1 < bytes.endIndex {
                let digits = bytes[(index + 1)...].prefix(3)
                if digits.count == 3, digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                    let value = UInt8(String(decoding: digits, as: UTF8.self))
                {
                    current.append(value)
                    index += 3
                } else {
                    current.append(bytes[index + 1])
                    index += 1
                }
            } else {
                current.append(byte)
            }
            index += 1
        }
        guard !current.isEmpty else { throw .malformed("'\(name)' has an empty label") }
        labels.append(current)
        if let long = labels.first(where: { $0.count > maximumLabelLength }) {
            throw .malformed("'\(name)' has a label of \(long.count) octets (at most 63)")
        }
        guard labels.reduce(1, { $0 + $1.count + 1 }) <= maximumWireLength else {
            throw .malformed("'\(name)' is longer than 255 octets on the wire")
        }
        return labels
    }

    /// Case-insensitive comparison of two presentation names (RFC 4343), ignoring a trailing dot.
    public static func equal(_ lhs: String, _ rhs: String) -> Bool {
        canonical(lhs) == canonical(rhs)
    }

    /// The name lower-cased (ASCII only) without a trailing dot.
    public static func canonical(_ name: String) -> String {
        var text = name.lowercased()
        if text.count > 1 && text.hasSuffix(".") && !text.hasSuffix("\\.") { text.removeLast() }
        return text
    }

    private static func presentation(_ label: ArraySlice<UInt8>) -> String {
        var text = ""
        for byte in label {
            if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "\\") {
                text += "\\" + String(UnicodeScalar(byte))
            } else if byte > 0x20 && byte < 0x7F {
                text.unicodeScalars.append(UnicodeScalar(byte))
            } else {
                let digits = String(byte)
                text += "\\" + String(repeating: "0", count: 3 - digits.count) + digits
            }
        }
        return text
    }
}

/// Appends names to a message being built, compressing each against suffixes already written (RFC 1035 §4.1.4).
struct DNSNameCompressor {
    /// Offsets of name suffixes already in the message, by their lower-cased labels.
    private var offsets: [[[UInt8]]: Int] = [:]

    mutating func write(_ name: String, into message: inout [UInt8]) throws(WireError) {
        let labels = try DNSName.labels(of: name)
        for index in labels.indices {
            let suffix = labels[index...].map { $0.map(Self.lowercased) }
            if let offset = offsets[Array(suffix)] {
                message.append(UInt8(0xC0 | (offset >> 8)))
                message.append(UInt8(offset & 0xFF))
                return
            }
            // Pointers have 14 bits: names past 16 kB are written in full.
            if message.count < 0x4000 { offsets[Array(suffix)] = message.count }
            message.append(UInt8(labels[index].count))
            message.append(contentsOf: labels[index])
        }
        message.append(0)
    }

    private static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }
}
