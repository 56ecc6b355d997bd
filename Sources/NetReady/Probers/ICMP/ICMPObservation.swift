/// What an `icmp:` probe saw: the kind of socket it used and the first ICMP error that answered an echo.
package struct ICMPObservation: Encodable, Sendable {
    /// `"datagram"` (an unprivileged ping socket) or `"raw"`.
    package var socket: String
    package var icmpError: String?

    enum CodingKeys: String, CodingKey {
        case socket
        case icmpError = "icmp_error"
    }
}
