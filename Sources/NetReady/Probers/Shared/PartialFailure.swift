/// "N of M attempts failed", the one aggregation every sampling prober makes: a probe whose attempts did not all
/// succeed says how many failed, and a probe that otherwise passed becomes a warning carrying the reason and the
/// words of its first failed attempt.
enum PartialFailure {
    /// `"2 of 5 attempts failed"` (or another verb phrase: `"did not upgrade"`).
    static func words(_ failed: Int, of total: Int, _ outcome: String = "failed") -> String {
        "\(failed) of \(total) attempts \(outcome)"
    }

    /// Makes a passing `result` a warning when some of its attempts failed: the reason and message are those
    /// `judgeFailed` gives the first failed attempt (judged on a copy of the result), after `"; but N of M ..."`.
    static func downgrade(
        _ result: inout ProbeResult, failed: Int, of total: Int, judgeFailed: (inout ProbeResult) -> Void
    ) {
        guard failed > 0, result.status == .pass else { return }
        var flaky = result
        judgeFailed(&flaky)
        result.status = .warn
        result.reason = flaky.reason
        result.message += "; but \(words(failed, of: total)): " + flaky.message
    }
}
