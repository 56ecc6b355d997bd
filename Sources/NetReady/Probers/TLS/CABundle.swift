import Foundation
import Synchronization

/// One PEM file made of every `--ca-file`, for libcurl, whose CA option takes a single file.
enum CABundle {
    private static let written = Mutex<[[String]: String]>([:])

    /// The file itself when there is one, a combined bundle in the temporary directory when there
    /// are several (written once per run), nil when there are none.
    static func path(for files: [String]) -> String? {
        guard files.count > 1 else { return files.first }
        return written.withLock { written in
            if let path = written[files] { return path }
            var bundle = Data()
            for file in files {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                bundle.append(data)
                bundle.append(Data("\n".utf8))
            }
            let path = FileManager.default.temporaryDirectory
                .appendingPathComponent("netready-ca-\(ProcessInfo.processInfo.processIdentifier).pem").path
            guard FileManager.default.createFile(atPath: path, contents: bundle) else { return files.first }
            written[files] = path
            return path
        }
    }
}
