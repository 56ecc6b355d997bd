import NetReadyTLS
import Testing

/// The target-file fingerprint (`sources[].sha256`) comes from libcrypto through `Digest`; these FIPS 180-4
/// vectors pin that the wrapper feeds every byte and formats the digest as lowercase hex.
@Suite("SHA256", .timeLimit(.minutes(3)))
struct SHA256Tests {
    /// FIPS 180-4 / NIST example vectors and common reference values.
    static let vectors: [(String, String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                + "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
        (
            "The quick brown fox jumps over the lazy dog",
            "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592"
        ),
    ]

    @Test("known vectors", arguments: vectors)
    func knownVector(_ input: String, _ digest: String) {
        #expect(Digest.sha256Hex(input.utf8) == digest)
    }

    @Test func oneMillionAs() {
        let input = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(Digest.sha256Hex(input) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func rawDigestIsThirtyTwoBytes() {
        let digest = Digest.sha256([UInt8](repeating: 0, count: 64))
        #expect(digest.count == 32)
        #expect(digest.prefix(4) == [0xf5, 0xa5, 0xfd, 0x42])
        #expect(
            Digest.sha256Hex([UInt8](repeating: 0, count: 64))
                == "f5a5fd42d16a20302798ef6ed309979b43003d2320d9f0e8ea9831a92759fb4b")
    }
}
