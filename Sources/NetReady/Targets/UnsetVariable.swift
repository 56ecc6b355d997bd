/// A `${NAME}` that a probe URI refers to but the environment leaves unset or empty: that probe is not run but
/// reported as `skip`, naming the variable (SPEC: "a URI whose variable is unset makes that probe skip").
///
/// This is how a shipped profile names customer-specific hosts (an AWS region, a Salesforce My Domain) without
/// making the whole profile unusable until every variable is set.
package struct UnsetVariable: Sendable, Hashable {
    /// The variable's name, e.g. `AWS_REGION`.
    package let name: String
    /// True when the variable is set but empty (treated as unset).
    package let isEmpty: Bool

    /// `AWS_REGION is not set` / `AWS_REGION is empty`.
    package var problem: String { "\(name) is \(isEmpty ? "empty" : "not set")" }

    /// The message of a probe skipped for `variables`: what is missing and what to export, e.g.
    /// `skipped: AWS_REGION is not set; export AWS_REGION=... to probe this`.
    package static func skipMessage(_ variables: [UnsetVariable]) -> String {
        let problems = variables.map(\.problem).joined(separator: ", ")
        let exports = variables.map { "\($0.name)=..." }.joined(separator: " ")
        return "skipped: \(problems); export \(exports) to probe this"
    }
}
