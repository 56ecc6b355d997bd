/// Where a target file came from, and the SHA-256 of its bytes (reported as `options.sources[]`).
package struct TargetSource: Sendable, Hashable, Codable {
    /// The path as given, `profile:NAME` for a shipped profile, or `command line` for URI arguments.
    package var path: String
    /// Lower-case hexadecimal SHA-256 of the file's bytes.
    package var sha256: String

    /// Creates a source record.
    package init(path: String, sha256: String) {
        self.path = path
        self.sha256 = sha256
    }
}
