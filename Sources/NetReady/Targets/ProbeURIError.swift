/// Why a probe URI could not be parsed, and how to write it instead.
package struct ProbeURIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong, e.g. `port 70000 is out of range`.
    package var message: String
    /// How to fix it, e.g. `write tcp://HOST:PORT with PORT 1-65535`.
    package var fix: String?

    /// Creates an error from a message and an optional fix.
    package init(_ message: String, fix: String? = nil) {
        self.message = message
        self.fix = fix
    }

    /// `message (fix)`.
    package var description: String {
        guard let fix else { return message }
        return "\(message) (\(fix))"
    }
}
