/// A bounds-checked reader over untrusted bytes, the base of every decoder in this module.
///
/// Every read either returns a value or throws `WireError.truncated`; nothing traps on hostile input.
public struct WireReader: Sendable {
    public let bytes: [UInt8]
    public private(set) var offset: Int

    public init(_ bytes: [UInt8], offset: Int = 0) {
        self.bytes = bytes
        self.offset = offset
    }

    /// Bytes left to read.
    public var remaining: Int { bytes.count - offset }

    public mutating func readUInt8() throws(WireError) -> UInt8 {
        guard remaining >= 1 else { throw .truncated(at: offset, wanted: 1) }
        defer { offset += 1 }
        return bytes[offset]
    }

    public mutating func readUInt16() throws(WireError) -> UInt16 {
        guard remaining >= 2 else { throw .truncated(at: offset, wanted: 2) }
        defer { offset += 2 }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    public mutating func readUInt32() throws(WireError) -> UInt32 {
        guard remaining >= 4 else { throw .truncated(at: offset, wanted: 4) }
        var value: UInt32 = 0
        for index in 0..<4 { value = value << 8 | UInt32(bytes[offset + index]) }
        offset += 4
        return value
    }

    public mutating func readBytes(_ count: Int) throws(WireError) -> ArraySlice<UInt8> {
        guard count >= 0, remaining >= count else { throw .truncated(at: offset, wanted: count) }
        defer { offset += count }
        return bytes[offset..<offset + count]
    }
}

/// Why a decoder rejected its input: a class (``isTruncated``, ``shortDescription``) over a private code, and words
/// for people (``description``) that may quote the input, so only ``shortDescription`` is fit for a metric label.
public struct WireError: Error, Sendable, Equatable, CustomStringConvertible {
    private enum Code: String, Sendable, Equatable {
        case truncated, malformed
    }

    private let code: Code
    /// What was wrong, in words.
    public let description: String

    private init(_ code: Code, _ description: String) {
        self.code = code
        self.description = description
    }

    /// The input ended before a field it announced.
    public static func truncated(at offset: Int, wanted: Int) -> WireError {
        WireError(.truncated, "truncated: \(wanted) bytes wanted at offset \(offset)")
    }

    /// A field holds a value the protocol does not allow.
    public static func malformed(_ words: String) -> WireError { WireError(.malformed, words) }

    /// True when the input ended early: more bytes may complete it.
    public var isTruncated: Bool { code == .truncated }

    /// `truncated` or `malformed`: the class alone, never the input.
    public var shortDescription: String { code.rawValue }
}
