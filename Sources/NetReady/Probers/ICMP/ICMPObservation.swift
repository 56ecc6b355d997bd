/// What an `icmp:` probe saw: the kind of socket it used and the first ICMP error that answered an echo.
public struct ICMPObservation: Encodable, Sendable {
    /// `"datagram"` (an unprivileged ping socket) or `"raw"`.
    public var socket: String
    public var icmpError: String?

    enum CodingKeys: String, CodingKey {
        case socket
        case icmpError = "icmp_error"
    }
}
