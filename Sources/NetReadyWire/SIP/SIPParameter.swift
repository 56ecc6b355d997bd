/// One `;name[=value]` parameter of a Via, a URI or a name-addr; names compare case-insensitively.
public struct SIPParameter: Sendable, Equatable {
    /// The name as sent.
    public var name: String
    /// The value, or nil for a flag parameter such as `;rport` or `;lr`.
    public var value: String?

    /// A parameter named `name` with `value`.
    public init(name: String, value: String? = nil) {
        self.name = name
        self.value = value
    }

    /// Parses `a=1;b;c=x` (without the leading `;`); empty pieces are skipped.
    static func list(_ text: some StringProtocol) -> [SIPParameter] {
        SIPText.splitOutsideQuotes(text, separator: ";").compactMap { piece in
            let trimmed = SIPText.trimmed(piece)
            guard !trimmed.isEmpty else { return nil }
            guard let equals = trimmed.firstIndex(of: "=") else { return SIPParameter(name: trimmed) }
            return SIPParameter(
                name: SIPText.trimmed(trimmed[..<equals]),
                value: SIPText.trimmed(trimmed[trimmed.index(after: equals)...]))
        }
    }

    /// The text form, `;name=value` or `;name`.
    var text: String { value.map { ";\(name)=\($0)" } ?? ";\(name)" }
}

extension [SIPParameter] {
    /// The parameter called `name` (case-insensitive), if present.
    public func parameter(_ name: String) -> SIPParameter? {
        let wanted = name.lowercased()
        return first { $0.name.lowercased() == wanted }
    }

    /// The value of parameter `name`; nil when absent or a flag.
    public func value(_ name: String) -> String? { parameter(name)?.value }
}
