import Foundation
import NetReadyPosix
import Synchronization

/// The answer seen for one port, with who sent it.
struct UDPPortObservation: Sendable {
    var state: UDPPortState
    var offender: String?
    var detail: String
}
