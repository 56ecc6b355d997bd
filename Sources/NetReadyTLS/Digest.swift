internal import COpenSSL

/// Message digests from libcrypto, for protocols that need one (WebSocket's `Sec-WebSocket-Accept`).
public enum Digest {
    /// SHA-1 of `bytes` (20 bytes).
    public static func sha1(_ bytes: [UInt8]) -> [UInt8] {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        _ = EVP_Digest(bytes, bytes.count, &digest, &length, EVP_sha1(), nil)
        return Array(digest.prefix(Int(length)))
    }
}
