import Foundation

/// Copies an executable so that it can be run at once while other tests start processes.
///
/// A copy written through a descriptor without `O_CLOEXEC` is inherited, open for writing, by every child
/// another test forks meanwhile, and `posix_spawn` of the copy then fails with `ETXTBSY` ("Text file busy")
/// until that child execs. The copy here is written through a close-on-exec descriptor.
enum ExecutableCopy {
    static func copy(from source: String, to destination: String) throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: source))
        let descriptor = open(destination, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
                }
                offset += written
            }
        }
        _ = fchmod(descriptor, 0o755)
    }
}
