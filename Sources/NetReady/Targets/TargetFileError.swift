/// A problem in a target file or a `TARGET` argument, with where it is and how to fix it.
///
/// Printed like a compiler diagnostic:
/// `playbooks.yaml:12:9: error: unknown key 'requird' in target (did you mean 'required'?)`.
package struct TargetFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Where the problem is; `nil` for a whole file or a command-line argument.
    package var location: SourceLocation?
    /// What is wrong.
    package var message: String
    /// How to fix it, shown in parentheses after the message.
    package var fix: String?
    /// Further problems found in the same file, in file order: one run of `targets validate` names them all.
    package var further: [TargetFileError] = []

    /// Creates an error.
    package init(location: SourceLocation?, message: String, fix: String? = nil) {
        self.location = location
        self.message = message
        self.fix = fix
    }

    /// `file:line:column: error: message (fix)`, one line per problem.
    package var description: String {
        var text = location.map { "\($0): " } ?? ""
        text += "error: \(message)"
        if let fix { text += " (\(fix))" }
        return ([text] + further.map(\.description)).joined(separator: "\n")
    }
}
