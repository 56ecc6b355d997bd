/// What a `/probe?target=` value asks for, judged against the names of the loaded targets.
///
/// Only a name of a loaded target is ever probed. A value that is not one but looks like a
/// destination (a URI, a host:port, an address, a path) is a scan attempt through the agent and
/// is refused with 400 and logged; any other unknown word gets 404 with the list of names.
package enum ProbeRequest: Equatable, Sendable {
    /// A loaded target's name.
    case target(String)
    /// A name-like value that no loaded target has.
    case unknown(String)
    /// No value, several values, or one that names a destination rather than a target.
    case refused(why: String)

    /// Longer values are refused: no target name needs them, and logs should not carry them.
    static let maxLength = 256

    package init(values: [String], names: Set<String>) {
        guard values.count == 1, let value = values.first, !value.isEmpty else {
            self = .refused(why: values.count > 1 ? "target= given \(values.count) times" : "no target= given")
            return
        }
        if names.contains(value) {
            self = .target(value)
        } else if value.count > Self.maxLength {
            self = .refused(why: "target= is \(value.count) characters long")
        } else if let destination = Self.destinationShape(value) {
            self = .refused(why: "target= is \(destination), not a target name")
        } else {
            self = .unknown(value)
        }
    }

    /// How `value` looks like a destination, or nil for a plain name.
    private static func destinationShape(_ value: String) -> String? {
        if value.contains("://") || value.hasPrefix("//") { return "a URI" }
        if value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            return "a value with control characters"
        }
        if value.contains("/") { return "a path or URI" }
        if value.contains(":") || value.contains("@") { return "an address or URI" }
        let labels = value.split(separator: ".", omittingEmptySubsequences: false)
        if labels.count == 4, labels.allSatisfy({ UInt8($0) != nil }) { return "an IP address" }
        if labels.count > 1, labels.allSatisfy({ !$0.isEmpty && !$0.contains(" ") }) { return "a host name" }
        return nil
    }
}
