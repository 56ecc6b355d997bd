import Foundation
import NetReadyWire
import Testing

/// The DNS decoder on hostile input: every case is a thrown ``WireError``, never a trap.
@Suite(.timeLimit(.minutes(3))) struct DNSMalformedInputTests {
    /// A response header with the given counts.
    static func header(questions: UInt16 = 1, answers: UInt16 = 0) -> [UInt8] {
        [
            0xAB, 0xCD, 0x81, 0x80, UInt8(questions >> 8), UInt8(questions & 0xFF), UInt8(answers >> 8),
            UInt8(answers & 0xFF), 0, 0, 0, 0,
        ]
    }

    static func isMalformed(_ bytes: [UInt8]) -> Bool {
        do {
            _ = try DNSMessage(decoding: bytes)
            return false
        } catch {
            return true
        }
    }

    @Test func everyTruncationOfARealAnswerIsRejected() throws {
        let bytes = try DNSMessageTests.sampleAnswer().encoded()
        for length in 0..<bytes.count {
            #expect(Self.isMalformed(Array(bytes.prefix(length))), "prefix of \(length) octets decoded")
        }
    }

    @Test func pointerLoopIsRejected() {
        // The question name is a pointer to itself (offset 12).
        let bytes = Self.header() + [0xC0, 12, 0, 1, 0, 1]
        #expect(throws: WireError.self) { try DNSMessage(decoding: bytes) }
        // Two labels, then a pointer back to the first label: a loop through a backwards pointer.
        let loop = Self.header() + [1, 0x61, 1, 0x62, 0xC0, 12, 0, 1, 0, 1]
        #expect(throws: WireError.self) { try DNSMessage(decoding: loop) }
    }

    @Test func forwardPointerIsRejected() {
        let bytes = Self.header() + [0xC0, 14, 1, 0x61, 0, 0, 1, 0, 1]
        #expect(throws: WireError.self) { try DNSMessage(decoding: bytes) }
    }

    @Test func labelLongerThan63IsRejected() {
        let bytes = Self.header() + [64] + [UInt8](repeating: 0x61, count: 64) + [0, 0, 1, 0, 1]
        #expect(throws: WireError.malformed("label at 12 is longer than 63 octets (length byte 64)")) {
            try DNSMessage(decoding: bytes)
        }
        #expect(throws: WireError.self) { try DNSName.labels(of: String(repeating: "a", count: 64) + ".test") }
    }

    @Test func nameLongerThan255IsRejected() {
        let label: [UInt8] = [63] + [UInt8](repeating: 0x61, count: 63)
        let bytes = Self.header() + label + label + label + label + [0, 0, 1, 0, 1]
        #expect(throws: WireError.self) { try DNSMessage(decoding: bytes) }
        let longName = Array(repeating: String(repeating: "a", count: 63), count: 4).joined(separator: ".")
        #expect(throws: WireError.self) { try DNSName.labels(of: longName) }
    }

    @Test func countsLargerThanTheMessageAreRejected() {
        let bytes = Self.header(questions: 1, answers: 65535) + [0, 0, 1, 0, 1]
        #expect(throws: WireError.self) { try DNSMessage(decoding: bytes) }
        let questions = Self.header(questions: 65535) + [0, 0, 1, 0, 1]
        #expect(throws: WireError.self) { try DNSMessage(decoding: questions) }
    }

    @Test func recordDataLengthMustFitTheType() {
        // An A record claiming 5 octets of data.
        let bytes = Self.header(answers: 1) + [0, 0, 1, 0, 1] + [0, 0, 1, 0, 1, 0, 0, 0, 60, 0, 5, 1, 2, 3, 4, 5]
        #expect(throws: WireError.self) { try DNSMessage(decoding: bytes) }
        // A CNAME whose name runs past its RDLENGTH.
        let cname = Self.header(answers: 1) + [0, 0, 1, 0, 1] + [0, 0, 5, 0, 1, 0, 0, 0, 60, 0, 2, 1, 0x61, 0]
        #expect(throws: WireError.self) { try DNSMessage(decoding: cname) }
    }

    @Test func reservedLabelTypesAreRejected() {
        for type: UInt8 in [0x40, 0x80] {
            let bytes = Self.header() + [type | 1, 0x61, 0, 0, 1, 0, 1]
            #expect(Self.isMalformed(bytes))
        }
    }

    /// Thousands of randomly mutated real answers: each decodes or throws, none traps.
    ///
    /// On a thread of its own: the loop is half a second of CPU in a debug build, and the test process shares two
    /// cooperative threads with timing-sensitive socket tests.
    @Test func mutatedAnswersNeverTrap() async throws {
        let seeds = [
            try DNSMessageTests.sampleAnswer().encoded(),
            try DNSMessage.query(id: 7, question: DNSQuestion(name: "big.lab.netready.test", type: .a)).encoded(),
        ]
        let decoded = await offThePool { Self.mutate(seeds, rounds: 3_000) }
        #expect(decoded > 0)
    }

    /// Decodes `rounds` mutations of `seeds`; returns how many still decoded.
    static func mutate(_ seeds: [[UInt8]], rounds: Int) -> Int {
        var generator = SplitMix64(seed: 0x6E65_7472_6561_6479)
        var decoded = 0
        for round in 0..<rounds {
            var bytes = seeds[round % seeds.count]
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                switch Int.random(in: 0..<4, using: &generator) {
                case 0:
                    bytes[Int.random(in: 0..<bytes.count, using: &generator)] =
                        UInt8.random(in: 0...255, using: &generator)
                case 1:
                    bytes[Int.random(in: 0..<bytes.count, using: &generator)] ^=
                        1 << UInt8.random(in: 0..<8, using: &generator)
                case 2: bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &generator)))
                default:
                    bytes.insert(
                        UInt8.random(in: 0xC0...0xFF, using: &generator),
                        at: Int.random(in: 0...bytes.count, using: &generator))
                }
                if bytes.isEmpty { bytes = [0] }
            }
            if let message = try? DNSMessage(decoding: bytes) {
                decoded += 1
                _ = message.answers.map(\.data.presentation)
                _ = try? message.encoded()
            }
        }
        return decoded
    }
}

/// A small seeded generator so a failing mutation run can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
