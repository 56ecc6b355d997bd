internal import CNetReadyShims
import Dispatch
import Glibc
import Synchronization

/// The few serial queues every readiness source and deadline timer runs on (handlers are tiny; no thread per wait).
enum ReadinessQueues {
    private static let queues: [DispatchQueue] = (0..<4).map {
        DispatchQueue(label: "netready.readiness.\($0)", qos: .userInitiated)
    }
    private static let counter = Atomic<Int>(0)

    /// Round-robin over the queues.
    static func next() -> DispatchQueue {
        let ticket = counter.wrappingAdd(1, ordering: .relaxed).oldValue
        return queues[(ticket & Int.max) % queues.count]
    }
}
