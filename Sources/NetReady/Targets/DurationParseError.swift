import Foundation
import NetReadyPosix

/// Why a duration such as `3s` could not be parsed.
public struct DurationParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, e.g. `'3' has no unit`.
    public var message: String
    /// How to write it instead.
    public var fix: String?

    /// `message (fix)`.
    public var description: String { fix.map { "\(message) (\($0))" } ?? message }
}
