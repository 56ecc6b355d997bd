/// Holds a result's ``ProbeObservations`` out of line, copied only when a shared copy is changed.
///
/// The observations of every kind of probe take kilobytes inline, and async functions keep their locals in the
/// task's own allocator: a result held by value in each frame of a probe's call chain cost tens of kilobytes per
/// probe in flight (issue 15: 10,000 silently dropped destinations needed ~500 MiB). Out of line, a result is a few
/// hundred bytes wherever it is held.
final class ObservationStorage: @unchecked Sendable {
    // @unchecked: `value` is changed only through `ProbeResult.observations`, which copies the storage first unless
    // the result holds the only reference (so no other thread can see the change).
    var value: ProbeObservations

    init(_ value: ProbeObservations = ProbeObservations()) {
        self.value = value
    }
}
