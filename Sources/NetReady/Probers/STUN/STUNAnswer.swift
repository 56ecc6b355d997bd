import NetReadyPosix
import NetReadyWire

/// A STUN response that belongs to the transaction it answers: a Binding success with a mapped address, or a
/// Binding error response (RFC 8489 sections 6.3.3 and 6.3.4), with where it came from and when.
struct STUNAnswer: Sendable {
    /// The response as decoded.
    let message: STUNMessage
    /// Where it came from: the datagram's source, or the server a stream is connected to.
    let source: SocketAddress
    /// From the last transmission before it arrived to its arrival (kernel stamp for UDP when available).
    let roundTrip: Duration
    /// How many times the request was sent (1 over TCP and TLS).
    let transmissions: Int

    /// True for an error response (its code is ``errorDescription``).
    var isError: Bool { message.messageClass == .errorResponse }

    /// The reflexive transport address: XOR-MAPPED-ADDRESS, else the legacy MAPPED-ADDRESS (RFC 8489 section 14.1).
    var mappedAddress: SocketAddress? {
        ((try? message.xorMappedAddress) ?? (try? message.mappedAddress))?.socketAddress
    }

    /// RESPONSE-ORIGIN (RFC 5780 section 7.3): the address the server sent from.
    var responseOrigin: SocketAddress? { (try? message.responseOrigin)?.socketAddress }

    /// OTHER-ADDRESS (RFC 5780 section 7.4): the server's alternate address and port, for behaviour discovery.
    var otherAddress: SocketAddress? { (try? message.otherAddress)?.socketAddress }

    /// SOFTWARE, as text, cut to 128 characters (RFC 8489 section 14.14 allows up to 763 bytes).
    var software: String? { message.software.map { String($0.prefix(128)) } }

    /// ERROR-CODE (RFC 8489 section 14.8) as "438 Stale Nonce", or nil when absent or malformed.
    var errorDescription: String? {
        guard let error = try? message.errorCode else { return nil }
        let phrase = error.reason.prefix(128)
        return phrase.isEmpty ? "\(error.code)" : "\(error.code) \(phrase)"
    }

    /// Checks that `bytes` answer `request`.
    ///
    /// - Returns: the decoded response, or why it is not one: not STUN, truncated, another transaction, not a
    ///   Binding response, or a success without a usable mapped address.
    static func validate(
        _ bytes: [UInt8], from source: SocketAddress, answering request: STUNMessage
    ) -> Result<STUNMessage, STUNInvalidAnswer> {
        guard STUNMessage.looksLikeSTUN(bytes) else {
            return .failure(.notSTUN(bytes.count))
        }
        let message: STUNMessage
        do {
            message = try STUNMessage(decoding: bytes)
        } catch {
            return .failure(.malformed("\(error)"))
        }
        guard message.transactionID == request.transactionID else { return .failure(.otherTransaction) }
        guard message.method == .binding,
            message.messageClass == .successResponse || message.messageClass == .errorResponse
        else {
            return .failure(.unexpectedType(message.type))
        }
        let unknown = message.unknownComprehensionRequired
        guard unknown.isEmpty else { return .failure(.unknownComprehensionRequired(unknown)) }
        let answer = STUNAnswer(message: message, source: source, roundTrip: .zero, transmissions: 0)
        guard answer.isError || answer.mappedAddress != nil else { return .failure(.noMappedAddress) }
        return .success(message)
    }
}

/// Why a message that arrived was not a valid answer, for `stun.protocol` when nothing valid arrives.
enum STUNInvalidAnswer: Error, Sendable, Equatable, CustomStringConvertible {
    /// Bytes without the STUN header's fixed bits and magic cookie.
    case notSTUN(Int)
    /// A STUN header whose length or attributes do not add up.
    case malformed(String)
    /// A well-formed STUN message for another transaction ID.
    case otherTransaction
    /// A message of another method or class than a Binding response.
    case unexpectedType(UInt16)
    /// A Binding success without a (XOR-)MAPPED-ADDRESS that decodes.
    case noMappedAddress
    /// The stream ended in the middle of a message.
    case truncated(Int)
    /// A response with comprehension-required attributes this agent does not know (RFC 8489 section 6.3.4).
    case unknownComprehensionRequired([UInt16])

    var description: String {
        switch self {
        case .notSTUN(let count): "\(count) bytes that are not STUN"
        case .malformed(let why): "a malformed STUN message (\(why))"
        case .otherTransaction: "a STUN message with another transaction ID"
        case .unexpectedType(let type): "a STUN message of type 0x\(String(type, radix: 16)), not a Binding response"
        case .noMappedAddress: "a Binding success without a mapped address"
        case .truncated(let count): "a truncated STUN message (\(count) bytes, then the connection closed)"
        case .unknownComprehensionRequired(let types):
            "a Binding response with unknown comprehension-required attributes "
                + types.map(Self.hex).joined(separator: ", ") + " (RFC 8489 section 6.3.4: the transaction failed)"
        }
    }

    /// `0x0030`: an attribute type as the RFCs write it.
    private static func hex(_ type: UInt16) -> String {
        let digits = String(type, radix: 16)
        return "0x" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

extension STUNAddress {
    /// The address as a socket address, nil for a malformed one.
    var socketAddress: SocketAddress? {
        try? SocketAddress(ip: addressText, port: port)
    }
}

extension SocketAddress {
    /// The STUN form of this address (raw bytes and port), for comparing with attributes.
    var stunAddress: STUNAddress? {
        STUNAddress(address: address.bytes, port: port)
    }
}
