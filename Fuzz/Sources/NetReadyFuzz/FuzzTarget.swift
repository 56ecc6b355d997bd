/// One decoder under the fuzzer: a name for `scripts/fuzz` and a body that feeds it one input.
///
/// A body only calls the decoder and what a prober does next with its result (accessors, a
/// re-encode); errors are expected, traps and sanitizer reports are the findings. Cheap invariants
/// (a decoded message re-encodes and decodes again) turn silent misparses into findings too.
struct FuzzTarget: Sendable {
    let name: String
    let run: @Sendable ([UInt8]) -> Void

    /// Every target, in the order `scripts/fuzz --list` prints them.
    static let all: [FuzzTarget] = [
        .dnsMessage, .stunMessage, .sipMessage, .sipStream, .rtpPacket, .websocketFrame, .httpResponseHead,
        .icmpEcho, .targetFile, .probeURI, .report,
    ]
}

/// Stops the process with a message libFuzzer records as a crash, with the input saved.
func fuzzInvariant(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("invariant broken: \(message())") }
}
