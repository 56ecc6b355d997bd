/// A position in a target file, printed `file:line:column` like a compiler diagnostic.
package struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The file path as given on the command line (`profile:NAME` for shipped profiles).
    package var file: String
    /// Line number, starting at 1.
    package var line: Int
    /// Column number, starting at 1 (counted in Unicode scalars).
    package var column: Int

    /// Creates a location.
    package init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `file:line:column`.
    package var description: String { "\(file):\(line):\(column)" }
}
