/// What one push of a batch came to.
package enum RemoteWriteOutcome: Sendable, Equatable {
    /// A 2xx answer: the receiver has the samples.
    case delivered
    /// Worth trying again later: no connection, a timeout, an answer that is not HTTP, 429 or 5xx.
    case retry(String)
    /// The receiver refused the batch for good (4xx other than 429, or an unexpected status):
    /// sending it again would get the same answer, so it is dropped and logged.
    case rejected(status: Int, message: String)

    /// A status code's outcome (Prometheus's own remote-write client draws the same line).
    static func of(status: Int, body: String) -> Self {
        switch status {
        case 200..<300: return .delivered
        case 429, 500..<600: return .retry("HTTP \(status) \(body)")
        default: return .rejected(status: status, message: body)
        }
    }
}
