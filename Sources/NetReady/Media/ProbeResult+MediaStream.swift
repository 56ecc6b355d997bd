import NetReadyPosix

extension ProbeResult {
    /// Records how a media stream (`rtp://`, `stun:` with `duration`) went: `skip` when the run stopped before it
    /// got a slot (`outcome` nil), `error` when no socket could be set up, else whatever `judge` makes of it.
    mutating func recordStream<Measurement>(
        _ outcome: Result<Measurement, IOError>?, to address: SocketAddress,
        judge: (Measurement, inout ProbeResult) -> Void
    ) {
        switch outcome {
        case nil:
            status = .skip
            message = "not run: the run stopped before this probe started"
        case .failure(let error)?:
            status = .error
            message = "could not stream to \(address): \(error)"
        case .success(let measured)?:
            judge(measured, &self)
        }
    }
}
