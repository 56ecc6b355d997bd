import Testing

@testable import NetReadyWire

/// The STUN decoder and the integrity check on hostile input: errors, never traps.
@Suite(.timeLimit(.minutes(3))) struct STUNMalformedInputTests {
    @Test func everyTruncationOfTheSamplesIsRejected() {
        for sample in [STUNTestVectors.request, STUNTestVectors.ipv4Response, STUNTestVectors.longTermRequest] {
            for length in 0..<sample.count {
                let prefix = Array(sample.prefix(length))
                #expect(throws: WireError.self) { try STUNMessage(decoding: prefix) }
                #expect(!STUNMessage.hasValidIntegrity(prefix, key: [1, 2, 3]))
            }
        }
    }

    @Test func attributeLengthPastTheEndIsRejected() {
        // Header length 8: one attribute header announcing 200 bytes, then 4 bytes.
        let bytes: [UInt8] =
            [0x01, 0x01, 0x00, 0x08, 0x21, 0x12, 0xA4, 0x42] + [UInt8](repeating: 0, count: 12)
            + [0x00, 0x20, 0x00, 0xC8, 1, 2, 3, 4]
        #expect(throws: WireError.self) { try STUNMessage(decoding: bytes) }
        #expect(!STUNMessage.hasValidIntegrity(bytes, key: [1]))
    }

    @Test func integrityWithAWrongLengthIsRejected() {
        // A MESSAGE-INTEGRITY attribute that announces 4 bytes instead of 20.
        let bytes: [UInt8] =
            [0x01, 0x01, 0x00, 0x08, 0x21, 0x12, 0xA4, 0x42] + [UInt8](repeating: 0, count: 12)
            + [0x00, 0x08, 0x00, 0x04, 1, 2, 3, 4]
        #expect(!STUNMessage.hasValidIntegrity(bytes, key: [1]))
    }

    @Test func randomBytesAndMutatedSamplesNeverTrap() async throws {
        let decodedCount = await offThePool {
            var generator = SplitMix64(seed: 0x5354_554E)
            var decodedCount = 0
            for round in 0..<20_000 {
                var bytes: [UInt8]
                if round % 2 == 0 {
                    // Random length, random content, with a valid-looking header half of the time.
                    bytes = (0..<Int.random(in: 0...96, using: &generator)).map { _ in
                        UInt8.random(in: 0...255, using: &generator)
                    }
                    if round % 4 == 0, bytes.count >= 20 {
                        bytes.replaceSubrange(
                            0..<8, with: [0x01, 0x13, 0, UInt8((bytes.count - 20) & 0xFC), 0x21, 0x12, 0xA4, 0x42])
                    }
                } else {
                    // A real sample with a few bytes flipped.
                    bytes = STUNTestVectors.ipv6Response
                    for _ in 0..<Int.random(in: 1...4, using: &generator) {
                        bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(
                            in: 0...255, using: &generator)
                    }
                }
                guard let message = try? STUNMessage(decoding: bytes) else { continue }
                decodedCount += 1
                // Every typed accessor must return or throw on whatever decoded.
                _ = try? message.xorMappedAddress
                _ = try? message.mappedAddress
                _ = try? message.otherAddress
                _ = try? message.responseOrigin
                _ = try? message.xorRelayedAddress
                _ = try? message.xorPeerAddress
                _ = try? message.errorCode
                _ = try? message.changeRequest
                _ = try? message.lifetimeSeconds
                _ = try? message.requestedTransport
                _ = (message.realm, message.nonce, message.username, message.software, message.data)
                _ = (message.method, message.messageClass)
                _ = STUNMessage.hasValidIntegrity(bytes, key: [1, 2, 3])
            }
            return decodedCount
        }
        // Some inputs must get through the decoder, or the loop tested only the first check.
        #expect(decodedCount > 0)
    }
}

/// `WireError`: a class safe for metric labels, words for people.
@Suite(.timeLimit(.minutes(3))) struct WireErrorTests {
    @Test func shortDescriptionIsTheClassAlone() {
        let malformed = WireError.malformed("unknown WebSocket opcode 3")
        #expect(malformed.shortDescription == "malformed")
        #expect(malformed.description == "unknown WebSocket opcode 3")
        #expect(!malformed.isTruncated)
        let truncated = WireError.truncated(at: 20, wanted: 4)
        #expect(truncated.shortDescription == "truncated")
        #expect(truncated.isTruncated)
        #expect(truncated.description == "truncated: 4 bytes wanted at offset 20")
        #expect("\(malformed)" == "unknown WebSocket opcode 3")
    }

    @Test func decodersThrowItForHostileInput() {
        #expect(throws: WireError.malformed("not a STUN message")) { try STUNMessage(decoding: [0x00]) }
    }
}
