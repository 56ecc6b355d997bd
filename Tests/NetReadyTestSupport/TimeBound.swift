/// Wall-clock bounds for tests that must hold on a busy 2-core machine (CI right after a build,
/// other checkouts building beside it, the suite's own tests in parallel).
///
/// Load only ever adds time, and on such a machine it added up to 4 s to a 1 s probe. So an upper
/// bound is never a figure a fast machine happens to meet: it is derived from the timeout the
/// code under test was given, with a margin large enough for load and small against a hang.
public enum TimeBound {
    /// The latest a run bounded by `timeout` may end: "classified, not hung". Twice the timeout
    /// (retries, a second phase) plus 15 s of scheduling delay; a hang never ends at all.
    public static func notHung(after timeout: Duration) -> Duration { timeout * 2 + .seconds(15) }

    /// The latest something that must *not* wait for `timeout` (an ICMP error, a refused connect,
    /// an answer that ends the wait) may end: half the timeout. Give such tests a long timeout
    /// (20 s or more) so that half of it is far beyond any scheduling delay, and the assertion
    /// still fails when the code waits for the timeout instead.
    public static func beforeTimeout(_ timeout: Duration) -> Duration { timeout / 2 }
}
