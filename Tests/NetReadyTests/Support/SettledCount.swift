/// A count a loopback server raises on a thread of its own, read once it has reached `expected`
/// (or a minute passed): the last datagram a client sent before its run ended may still sit in
/// the server's socket queue when the client returns, the more so on a loaded machine, so reading
/// the count at once measures the scheduler. A count above `expected` still shows.
func settledCount(atLeast expected: Int, _ count: () -> Int) async -> Int {
    let deadline = ContinuousClock.now + .seconds(60)
    while count() < expected && ContinuousClock.now < deadline {
        try? await Task.sleep(for: .milliseconds(5))
    }
    return count()
}
