import Foundation

/// The `${NAME}` references of one probe URI, expanded from the environment.
///
/// Set variables are replaced by their values. An unset or empty one does not fail the file: it is replaced by a
/// stand-in host-name label (so that the rest of the URI is still validated when the file is loaded) and recorded,
/// so that the probe is reported as `skip` naming it. Error messages quote the URI with `${NAME}` in place of every
/// value, never the value itself.
struct URIVariableExpansion {
    /// The URI to parse: values in place, and a stand-in for each unset variable.
    let text: String
    /// The unset or empty variables, in order of first use, each once.
    let unset: [UnsetVariable]
    /// Stand-in → `${NAME}`, to show the URI of a skipped probe as written.
    let standIns: [String: String]
    /// `${NAME}` → value of every set variable the URI uses.
    private let values: [String: String]

    /// Expands `written`; throws only for a malformed reference (`${` not closed, a bad name).
    init(_ written: String, environment: [String: String]) throws(EnvironmentReferences.Failure) {
        var unset: [UnsetVariable] = []
        var standIns: [String: String] = [:]
        var values: [String: String] = [:]
        text = try EnvironmentReferences.scan(written) { name in
            if let value = environment[name], !value.isEmpty {
                values["${\(name)}"] = value
                return value
            }
            let standIn = Self.standIn(for: name)
            if standIns[standIn] == nil {
                standIns[standIn] = "${\(name)}"
                unset.append(UnsetVariable(name: name, isEmpty: environment[name] != nil))
            }
            return standIn
        }
        self.unset = unset
        self.standIns = standIns
        self.values = values
    }

    /// A valid host-name label that cannot be mistaken for a real host: `unset-aws-region` for `AWS_REGION`.
    static func standIn(for name: String) -> String {
        let label = name.lowercased().replacingOccurrences(of: "_", with: "-")
            .trimmingCharacters(in: CharacterSet(charactersIn: "-"))
        return String(("unset-" + label).prefix(63))
    }

    /// `text` (an error message or fix) with every value and stand-in shown as the `${NAME}` it came from.
    func masked(_ text: String) -> String {
        var shown = text
        // Longest first, so that a value containing another is replaced whole.
        for (reference, value) in values.sorted(by: { $0.value.count > $1.value.count }) {
            shown = shown.replacingOccurrences(of: value, with: reference)
        }
        for (standIn, reference) in standIns { shown = shown.replacingOccurrences(of: standIn, with: reference) }
        return shown
    }
}
