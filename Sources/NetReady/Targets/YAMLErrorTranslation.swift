import Yams

/// Turns Yams' parse errors into ``TargetFileError``s at the `file:line:column` libyaml reported.
enum YAMLErrorTranslation {
    static func translate(_ error: YamlError, path: String, yaml: String) -> TargetFileError {
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "invalid YAML: \(problem)"
            if problem.hasPrefix("Maximum nesting level reached") {
                // libyaml's own words name its C API; say what is wrong with the file instead.
                message = "invalid YAML: lists and maps nested more than 1000 levels deep"
            }
            if problem.hasPrefix("but found another document") {
                return TargetFileError(
                    location: SourceLocation(file: path, line: mark.line, column: mark.column),
                    message: "a target file holds one YAML document, but a second one starts here",
                    fix: "remove the '---' line, or split the file in two"
                )
            }
            if let context {
                message += " \(context.text) that starts at line \(context.mark.line), column \(context.mark.column)"
            }
            return TargetFileError(
                location: SourceLocation(file: path, line: mark.line, column: mark.column),
                message: message, fix: hasTab(yaml, line: mark.line) ? "indent with spaces, not tabs" : nil
            )
        case .reader(let problem, let offset, _, _):
            let (line, column) = position(ofCharacter: offset ?? 0, in: yaml)
            return TargetFileError(
                location: SourceLocation(file: path, line: line, column: column),
                message: "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            let verb = duplicates.count == 1 ? "appears" : "appear"
            return TargetFileError(
                location: SourceLocation(file: path, line: context.mark.line, column: context.mark.column),
                message: "key \(keys) \(verb) more than once in the same map", fix: "keep one"
            )
        default:
            return TargetFileError(
                location: SourceLocation(file: path, line: 1, column: 1),
                message: "invalid YAML: \(error)")
        }
    }

    /// Whether line `line` (1-based) of `yaml` contains a tab in its leading whitespace.
    private static func hasTab(_ yaml: String, line: Int) -> Bool {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return false }
        return lines[line - 1].prefix(while: { $0 == " " || $0 == "\t" }).contains("\t")
    }

    /// The 1-based line and column of the character at `offset`.
    static func position(ofCharacter offset: Int, in text: String) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for character in text.prefix(offset) {
            if character == "\n" || character == "\r\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return (line, column)
    }
}
