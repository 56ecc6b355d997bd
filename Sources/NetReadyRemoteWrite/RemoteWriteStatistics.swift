/// What one receiver's writer has done since start-up, for the agent's own metrics.
package struct RemoteWriteStatistics: Sendable {
    /// The receiver's URL without credentials.
    package var url: String
    /// Batches (runs) the receiver accepted.
    package var delivered = 0
    /// Batches the receiver refused for good (4xx other than 429): dropped and logged.
    package var rejected = 0
    /// Attempts that failed and were retried (no connection, timeout, garbage, 429, 5xx).
    package var failedAttempts = 0
    /// Batches dropped, oldest first, because the spool was full.
    package var spoolDropped = 0
    /// Batches waiting to be sent.
    package var pending = 0
}
