import Dispatch
import Foundation

/// Calls `reload` on every SIGHUP, as daemons reload their configuration.
final class HangUpTrap {
    private let source: any DispatchSourceSignal

    init(reload: @escaping @Sendable () -> Void) {
        signal(SIGHUP, SIG_IGN)
        // A serial queue of its own: two quick SIGHUPs reload one after the other, never at once.
        source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: DispatchQueue(label: "netready.sighup"))
        source.setEventHandler(handler: reload)
        source.resume()
    }

    func cancel() { source.cancel() }
}
