import Foundation

/// The blackbox-style figures of one probe that its `details` carry: certificate expiry, HTTP
/// status, DNS lookup time and media quality. Read from the report's JSON details, as every
/// renderer reads them, so a saved report renders the same series.
struct ProbeExtras {
    /// The leaf certificate's notAfter, Unix seconds (tls:// chain, or https:// through curl).
    var certificateNotAfter: Double?
    /// The final HTTP status code of an http(s):// probe.
    var httpStatus: Int?
    /// How long resolving the probe's host name took, seconds.
    var dnsLookupSeconds: Double?
    /// Media quality of an rtp:// probe.
    var mediaLossRatio: Double?
    var mediaJitterSeconds: Double?
    var mediaMOS: Double?

    init(_ probe: ProbeResult) {
        let details = JSONValue.object(probe.details)
        let leafExpiry =
            details["chain"]?.arrayValue?.first?["not_after"]?.stringValue
            ?? details["tls"]?["not_after"]?.stringValue
        certificateNotAfter = leafExpiry.flatMap(Self.parseDate).map(\.timeIntervalSince1970)
        httpStatus = details["status"]?.intValue
        let lookupMs = Self.number(details["dns"]?["ms"]) ?? Self.number(details["timings_ms"]?["dns"])
        dnsLookupSeconds = lookupMs.map { $0 / 1000 }
        if let media = details["media"] {
            mediaLossRatio = Self.number(media["loss_percent"]).map { $0 / 100 }
            mediaJitterSeconds = Self.number(media["jitter_ms"]).map { $0 / 1000 }
            mediaMOS = Self.number(media["mos"])
        }
    }

    private static func number(_ value: JSONValue?) -> Double? {
        switch value {
        case .double(let number)?: number
        case .int(let number)?: Double(number)
        default: nil
        }
    }

    /// ISO 8601 (netready's TLS probe), or curl's certificate dates: OpenSSL's `Jan  2 03:04:05 2030 GMT`
    /// or `2030-01-02 03:04:05 GMT`.
    static func parseDate(_ text: String) -> Date? {
        if let date = try? Date(text, strategy: .iso8601) { return date }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        let squeezed = text.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        for format in ["MMM d HH:mm:ss yyyy zzz", "yyyy-MM-dd HH:mm:ss zzz"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: squeezed) { return date }
        }
        return nil
    }
}
