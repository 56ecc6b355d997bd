import Foundation
import NetReadyPosix

/// Why a duration such as `3s` could not be parsed.
package struct DurationParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, e.g. `'3' has no unit`.
    package var message: String
    /// How to write it instead.
    package var fix: String?

    /// `message (fix)`.
    package var description: String { fix.map { "\(message) (\($0))" } ?? message }
}
