/// What the agent's `/probe` handler answers for a loaded target's name.
package enum ProbeAnswer: Sendable {
    /// The target's metrics, in the text exposition format.
    case metrics(String)
    /// No loaded target has that name (the target files were reloaded meanwhile).
    case unknown
    /// Too many on-demand probes are running; try again later.
    case busy
}
