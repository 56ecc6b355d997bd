import Foundation
import NetReadyPosix

/// Turns a binding-lifetime measurement into `details.nat_binding {lower_s, upper_s}` and the verdict: an idle
/// mapping that expires within RFC 4787's two minutes (REQ-5) is `warn nat.binding`, naming the keep-alive interval
/// a softphone needs; no responder at the far end is an `error`, never a NAT verdict.
enum NATBindingVerdict {
    /// RFC 4787 REQ-5: a UDP mapping must not expire in less than two minutes.
    static let rfc4787Minimum: Duration = .seconds(120)

    /// `details.nat_binding`.
    struct Bounds: Encodable, Sendable, Equatable {
        var lowerSeconds: Int
        /// Nil when the mapping outlived every idle time tried.
        var upperSeconds: Int?

        enum CodingKeys: String, CodingKey {
            case lowerSeconds = "lower_s"
            case upperSeconds = "upper_s"
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(lowerSeconds, forKey: .lowerSeconds)
            try container.encode(upperSeconds, forKey: .upperSeconds)
        }
    }

    /// The bounds: the longest idle time survived, and the shortest longer one that was not. A shorter idle time
    /// that failed below a longer one that survived was a lost datagram, not an expiry, and does not count.
    static func bounds(_ results: [(idle: Duration, result: NATBindingMeasurement.Result)]) -> Bounds? {
        let measured = results.filter { $0.result == .kept || $0.result == .expired }
        guard !measured.isEmpty else { return nil }
        let lower = measured.filter { $0.result == .kept }.map(\.idle).max() ?? .zero
        let upper = measured.filter { $0.result == .expired && $0.idle > lower }.map(\.idle).min()
        return Bounds(lowerSeconds: seconds(lower), upperSeconds: upper.map(seconds))
    }

    static func judge(
        _ results: [(idle: Duration, result: NATBindingMeasurement.Result)], lifetime: Duration,
        destination: SocketAddress, into result: inout ProbeResult
    ) {
        guard let bounds = bounds(results) else {
            result.status = .error
            result.reason = nil
            let why: String
            if results.contains(where: { $0.result == .echoed }) {
                why = "it echoed the binding query back unchanged: an echo server, not a netready responder"
            } else if results.contains(where: { $0.result == .refused }) {
                why = "the responder refused the binding query (too many pending)"
            } else if case .local(let words)? = results.first?.result {
                why = "could not send: \(words)"
            } else {
                why = "nothing answered the binding query: no netready responder listens there"
            }
            result.message = "binding-lifetime needs a netready responder at \(destination): \(why)"
            return
        }
        result.observations.udp?.natBinding = bounds
        guard let upper = bounds.upperSeconds else {
            let short = lifetime < rfc4787Minimum ? " (ask binding-lifetime=120s or more to check RFC 4787's 2 minutes)" : ""
            result.message += "; an idle UDP NAT binding survives at least \(seconds(lifetime)) s\(short)"
            return
        }
        let range = "between \(bounds.lowerSeconds) s and \(upper) s"
        guard Duration.seconds(upper) <= rfc4787Minimum else {
            result.message += "; an idle UDP NAT binding expires \(range)"
            return
        }
        let keepAlive = max(bounds.lowerSeconds - 5, 5)
        result.status = result.status == .pass ? .warn : result.status
        result.reason = result.reason ?? .natBinding
        result.message =
            "an idle UDP NAT binding expires \(range), below RFC 4787's 2 minutes (REQ-5): a softphone needs "
            + "keep-alives at least every \(keepAlive) s (or one-way audio after hold); " + result.message
    }

    static func seconds(_ duration: Duration) -> Int { Int(duration / .seconds(1)) }
}
