import Foundation

/// Reads the expiry dates libcurl reports for a certificate (OpenSSL's `ASN1_TIME_print` form, such
/// as `Jan  5 12:00:00 2027 GMT`), for the 14-day expiry warning of https:// probes.
///
/// Parsed by hand rather than with a shared `DateFormatter`: probes run concurrently, and the fixed
/// form needs no locale machinery.
enum CertificateExpiryText {
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The date in `text`, or nil when it is not in that form.
    static func date(_ text: String) -> Date? {
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        guard words.count == 5, words[4] == "GMT", let month = months.firstIndex(of: String(words[0])),
            let day = Int(words[1]), let year = Int(words[3])
        else { return nil }
        let clock = words[2].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "GMT") ?? .current
        let components = DateComponents(
            year: year, month: month + 1, day: day, hour: clock[0], minute: clock[1], second: clock[2])
        guard components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
    }
}
