internal import COpenSSL

/// The two libcrypto primitives STUN needs (DESIGN: NetReadyWire may use libcrypto for these).
enum LibCrypto {
    /// HMAC-SHA1 of `message` under `key` (20 bytes).
    static func hmacSHA1(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        _ = HMAC(EVP_sha1(), key, Int32(key.count), message, message.count, &output, &length)
        return Array(output.prefix(Int(length)))
    }

    /// MD5 of `bytes` (16 bytes).
    static func md5(_ bytes: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        _ = EVP_Digest(bytes, bytes.count, &output, &length, EVP_md5(), nil)
        return Array(output.prefix(Int(length)))
    }
}
