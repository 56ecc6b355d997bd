/// Expands `${NAME}` references (in `username:`, `credential:` and probe URIs) from the environment.
///
/// `$${` stands for a literal `${`. For `username:`/`credential:` an unset or empty variable is an error naming
/// it, so that a probe never runs with a blank secret; probe URIs use ``scan(_:resolve:)`` with their own rule
/// (see ``URIVariableExpansion``).
enum EnvironmentReferences {
    /// Why an expansion failed.
    struct Failure: Error {
        let message: String
        let fix: String?
    }

    /// `text` with every `${NAME}` replaced by its value in `environment`.
    static func expand(_ text: String, environment: [String: String]) throws(Failure) -> String {
        try scan(text) { name throws(Failure) in
            guard let value = environment[name] else {
                throw Failure(
                    message: "environment variable \(name) is not set",
                    fix: "export \(name)=... before running netready")
            }
            guard !value.isEmpty else {
                throw Failure(message: "environment variable \(name) is empty", fix: "set \(name) to the secret")
            }
            return value
        }
    }

    /// `text` with every `${NAME}` replaced by what `resolve` returns for `NAME`; `$${` becomes `${`.
    static func scan(_ text: String, resolve: (String) throws(Failure) -> String) throws(Failure) -> String {
        var result = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            result += rest[..<dollar]
            let after = rest[rest.index(after: dollar)...]
            if after.hasPrefix("${") {
                result += "${"
                rest = after.dropFirst(2)
                continue
            }
            guard after.hasPrefix("{") else {
                result += "$"
                rest = after
                continue
            }
            guard let close = after.firstIndex(of: "}") else {
                throw Failure(message: "'${' is not closed by '}'", fix: "write ${NAME}, or $${ for a literal ${")
            }
            let name = String(after[after.index(after: after.startIndex)..<close])
            guard isValidName(name) else {
                throw Failure(
                    message: "'${\(name)}' is not an environment variable reference",
                    fix: "names are letters, digits and _, e.g. ${TURN_CREDENTIAL}")
            }
            result += try resolve(name)
            rest = after[after.index(after: close)...]
        }
        result += rest
        return result
    }

    private static func isValidName(_ name: String) -> Bool {
        guard let first = name.first, first.isASCII, first.isLetter || first == "_" else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }
}
