import NetReadyPosix
import NetReadyTLS
import NetReadyWire

/// A final answer to one OPTIONS transaction, with what is needed to look for a SIP ALG.
struct SIPAnswer: Sendable {
    /// The request as sent.
    let request: SIPOptionsRequest
    /// The final response (2xx-6xx) that matched it.
    let response: SIPMessage
    /// From the first transmission to the final response.
    let roundTrip: Duration
    /// Provisional (1xx) responses seen first.
    let provisional: Int
    /// Retransmissions over UDP (RFC 3261 timer E).
    let retransmissions: Int
    /// This host's address on the socket that carried the transaction: a `received=` naming it means the server
    /// saw no translation, or something on the path mapped the response back (see ``SIPALGFindings``).
    var localAddress: String?
}
