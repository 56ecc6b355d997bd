/// The key MESSAGE-INTEGRITY is computed with (RFC 8489 section 9).
public enum STUNCredentials {
    /// The long-term credential key (RFC 8489 section 9.2.2):
    /// MD5(username ":" OpaqueString(realm) ":" OpaqueString(password)).
    ///
    /// No SASLprep / OpaqueString processing is done beyond using the strings' UTF-8 as is:
    /// that is exact for plain ASCII credentials (the only ones netready documents), and a
    /// password with non-ASCII characters that the profile would map may give a different key.
    public static func longTermKey(username: String, realm: String, password: String) -> [UInt8] {
        LibCrypto.md5(Array("\(username):\(realm):\(password)".utf8))
    }

    /// The short-term credential key (RFC 8489 section 9.1.1): OpaqueString(password), here the
    /// password's UTF-8 bytes as is (same ASCII-only caveat as `longTermKey`).
    public static func shortTermKey(password: String) -> [UInt8] { Array(password.utf8) }
}
