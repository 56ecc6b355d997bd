import Foundation
import NetReadyPosix
import Synchronization

/// What one UDP port answered, in the terms of a firewall check.
enum UDPPortState: String, Sendable, CaseIterable {
    /// A datagram came back: something listens and the path is open both ways.
    case open
    /// ICMP port unreachable from the destination itself: the path is open, the port closed.
    case closed
    /// ICMP port unreachable from another host on the way: a firewall rejecting the flow.
    case rejected
    /// ICMP administratively prohibited: a firewall says no.
    case prohibited
    /// Another ICMP unreachable (host, network).
    case unreachable
    /// Nothing came back before the timeout, after every retry.
    case filtered

    /// True when the path to the port is open (a reply or a port-unreachable from the host).
    var pathOpen: Bool { self == .open || self == .closed }

    var words: String {
        switch self {
        case .open: "open"
        case .closed: "closed but reachable"
        case .rejected: "rejected on the way"
        case .prohibited: "prohibited"
        case .unreachable: "unreachable"
        case .filtered: "filtered (no answer)"
        }
    }
}
