import Foundation
import NetReadyPosix
import NetReadyTLS
import Synchronization

/// One ``TLSContext`` per set of `--ca-file`s for the whole process: loading the system trust store costs
/// milliseconds, and a context is safe to share between concurrent handshakes.
enum TLSContextCache {
    private static let contexts = Mutex<[[String]: TLSContext]>([:])

    static func context(caFiles: [String]) throws(TLSError) -> TLSContext {
        let cached = contexts.withLock { $0[caFiles] }
        if let cached { return cached }
        let context = try TLSContext(caFiles: caFiles)
        return contexts.withLock { cache in
            if let winner = cache[caFiles] { return winner }
            cache[caFiles] = context
            return context
        }
    }
}
