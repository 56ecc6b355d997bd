internal import COpenSSL
import Foundation
import NetReadyPosix

/// One certificate of a peer's chain, read out of OpenSSL into plain values.
public struct CertificateInfo: Sendable, Equatable {
    /// The subject, RFC 2253 style: `CN=good.lab.netready.test,O=NetReady Lab`.
    public let subject: String
    /// The issuer, RFC 2253 style.
    public let issuer: String
    /// The issuer's common name, when it has one.
    public let issuerCommonName: String?
    /// The issuer's organisation, when it has one.
    public let issuerOrganization: String?
    /// DNS names and IP addresses of the subjectAltName extension, e.g. `DNS:good`, `IP:198.18.0.2`.
    public let subjectAltNames: [String]
    /// Start of validity.
    public let notBefore: Date?
    /// End of validity.
    public let notAfter: Date?
    /// SHA-256 over the DER encoding, upper-case hex pairs joined by colons (as `openssl x509 -fingerprint`).
    public let sha256Fingerprint: String

    /// The issuer in a few words for messages: `"Lab Inspection Proxy CA" (O=Lab Secure Web Gateway)`.
    public var issuerSummary: String {
        switch (issuerCommonName, issuerOrganization) {
        case (let name?, let organization?) where name != organization: "\"\(name)\" (O=\(organization))"
        case (let name?, _): "\"\(name)\""
        case (nil, let organization?): "O=\(organization)"
        case (nil, nil): issuer
        }
    }

    /// Reads a certificate; OpenSSL keeps ownership of `certificate`.
    init(_ certificate: OpaquePointer) {
        subject = Self.name(X509_get_subject_name(certificate))
        issuer = Self.name(X509_get_issuer_name(certificate))
        issuerCommonName = Self.entry(X509_get_issuer_name(certificate), nid: NID_commonName)
        issuerOrganization = Self.entry(X509_get_issuer_name(certificate), nid: NID_organizationName)
        subjectAltNames = Self.alternativeNames(certificate)
        notBefore = Self.date(X509_get0_notBefore(certificate))
        notAfter = Self.date(X509_get0_notAfter(certificate))
        sha256Fingerprint = Self.fingerprint(certificate)
    }

    /// Certificates of an OpenSSL `STACK_OF(X509)`, which keeps ownership.
    static func chain(_ stack: OpaquePointer?) -> [CertificateInfo] {
        guard let stack else { return [] }
        return (0..<OPENSSL_sk_num(stack)).compactMap { index in
            OPENSSL_sk_value(stack, index).map { CertificateInfo(OpaquePointer($0)) }
        }
    }

    private static func name(_ name: OpaquePointer?) -> String {
        guard let name, let bio = BIO_new(BIO_s_mem()) else { return "" }
        defer { BIO_free(bio) }
        // XN_FLAG_RFC2253 without escaping non-ASCII (a compound macro, which Swift does not import).
        let strings =
            ASN1_STRFLGS_ESC_2253 | ASN1_STRFLGS_ESC_CTRL | ASN1_STRFLGS_UTF8_CONVERT
            | ASN1_STRFLGS_DUMP_UNKNOWN | ASN1_STRFLGS_DUMP_DER
        let flags =
            UInt(strings) | UInt(XN_FLAG_SEP_COMMA_PLUS) | UInt(XN_FLAG_DN_REV)
            | UInt(XN_FLAG_DUMP_UNKNOWN_FIELDS)
        guard X509_NAME_print_ex(bio, name, 0, flags) >= 0 else { return "" }
        var bytes = [UInt8](repeating: 0, count: Int(BIO_ctrl_pending(bio)))
        let count = BIO_read(bio, &bytes, Int32(bytes.count))
        return String(decoding: bytes.prefix(Int(max(count, 0))), as: UTF8.self)
    }

    private static func entry(_ name: OpaquePointer?, nid: Int32) -> String? {
        guard let name else { return nil }
        let index = X509_NAME_get_index_by_NID(name, nid, -1)
        guard index >= 0, let entry = X509_NAME_get_entry(name, index),
            let data = X509_NAME_ENTRY_get_data(entry)
        else { return nil }
        return string(data)
    }

    private static func string(_ asn1: UnsafePointer<ASN1_STRING>?) -> String? {
        var utf8: UnsafeMutablePointer<UInt8>?
        let length = ASN1_STRING_to_UTF8(&utf8, asn1)
        guard length >= 0, let utf8 else { return nil }
        defer { CRYPTO_free(utf8, #fileID, #line) }
        return String(decoding: UnsafeBufferPointer(start: utf8, count: Int(length)), as: UTF8.self)
    }

    private static func alternativeNames(_ certificate: OpaquePointer) -> [String] {
        guard let raw = X509_get_ext_d2i(certificate, NID_subject_alt_name, nil, nil) else { return [] }
        let names = OpaquePointer(raw)
        defer { GENERAL_NAMES_free(names) }
        return (0..<OPENSSL_sk_num(names)).compactMap { index -> String? in
            guard let general = OPENSSL_sk_value(names, index)?.assumingMemoryBound(to: GENERAL_NAME.self) else {
                return nil
            }
            switch general.pointee.type {
            case GEN_DNS:
                return bytes(general.pointee.d.dNSName).map { "DNS:" + String(decoding: $0, as: UTF8.self) }
            case GEN_IPADD:
                return bytes(general.pointee.d.iPAddress).flatMap(ipText).map { "IP:" + $0 }
            default:
                return nil
            }
        }
    }

    private static func bytes(_ string: UnsafeMutablePointer<ASN1_STRING>?) -> [UInt8]? {
        guard let string, let data = ASN1_STRING_get0_data(string) else { return nil }
        return Array(UnsafeBufferPointer(start: data, count: Int(ASN1_STRING_length(string))))
    }

    private static func ipText(_ bytes: [UInt8]) -> String? {
        IPAddress(bytes: bytes)?.description
    }

    private static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date? {
        guard let time else { return nil }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }

    private static func fingerprint(_ certificate: OpaquePointer) -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard X509_digest(certificate, EVP_sha256(), &digest, &length) == 1 else { return "" }
        return digest.prefix(Int(length)).map { String(format: "%02X", $0) }.joined(separator: ":")
    }
}
