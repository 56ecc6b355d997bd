/// Where a target file came from, and the SHA-256 of its bytes (reported as `options.sources[]`).
public struct TargetSource: Sendable, Hashable, Codable {
    /// The path as given, `profile:NAME` for a shipped profile, or `command line` for URI arguments.
    public var path: String
    /// Lower-case hexadecimal SHA-256 of the file's bytes.
    public var sha256: String

    /// Creates a source record.
    public init(path: String, sha256: String) {
        self.path = path
        self.sha256 = sha256
    }
}
