internal import CSnappy
import Foundation

/// Snappy block compression (not the framed stream format), as remote-write bodies are sent,
/// through Debian's libsnappy.
package enum Snappy {
    /// The compressed block.
    package static func compress(_ input: [UInt8]) -> [UInt8] {
        var length = snappy_max_compressed_length(input.count)
        var output = [UInt8](repeating: 0, count: length)
        let status = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                source.baseAddress!.withMemoryRebound(to: CChar.self, capacity: max(source.count, 1)) { from in
                    target.baseAddress!.withMemoryRebound(to: CChar.self, capacity: target.count) { to in
                        snappy_compress(from, source.count, to, &length)
                    }
                }
            }
        }
        // Only a too-small output buffer fails, and snappy_max_compressed_length rules that out.
        precondition(status == SNAPPY_OK, "snappy_compress failed (\(status))")
        return Array(output.prefix(length))
    }

    /// The uncompressed block; nil when `input` is not a valid snappy block.
    package static func uncompress(_ input: [UInt8]) -> [UInt8]? {
        input.withUnsafeBufferPointer { source -> [UInt8]? in
            guard let base = source.baseAddress else { return nil }
            return base.withMemoryRebound(to: CChar.self, capacity: source.count) { from -> [UInt8]? in
                var length = 0
                guard snappy_uncompressed_length(from, source.count, &length) == SNAPPY_OK,
                    snappy_validate_compressed_buffer(from, source.count) == SNAPPY_OK
                else { return nil }
                var output = [UInt8](repeating: 0, count: max(length, 1))
                let status = output.withUnsafeMutableBufferPointer { target in
                    target.baseAddress!.withMemoryRebound(to: CChar.self, capacity: target.count) { to in
                        snappy_uncompress(from, source.count, to, &length)
                    }
                }
                return status == SNAPPY_OK ? Array(output.prefix(length)) : nil
            }
        }
    }
}
