import Foundation

/// How tls://, https:// and wss:// say a certificate is about to expire: the days left and the date, the
/// same words whichever prober saw it ("certificate expires in 5 days, on 2026-12-07").
enum CertificateExpiryWords {
    static func soon(_ notAfter: Date, now: Date = Date()) -> String {
        let days = max(0, Int((notAfter.timeIntervalSince(now) / 86_400).rounded(.up)))
        let when = days == 0 ? "today" : days == 1 ? "in 1 day" : "in \(days) days"
        return "certificate expires \(when), on \(String(RFC3339.string(from: notAfter).prefix(10)))"
    }
}
