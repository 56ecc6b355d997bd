/// A DiffServ code point (RFC 2474), 0-63, as `dscp=` writes it: a number or a class name (`EF`, `AF41`, `CS3`...).
package struct DSCP: Sendable, Equatable, CustomStringConvertible {
    /// The code point, 0-63.
    package let value: UInt8

    /// The class names (RFC 2474, 2597, 3246, 5865, 8622), upper case.
    static let names: [(name: String, value: UInt8)] = [
        ("EF", 46), ("VA", 44), ("LE", 1), ("DF", 0), ("BE", 0),
        ("AF11", 10), ("AF12", 12), ("AF13", 14), ("AF21", 18), ("AF22", 20), ("AF23", 22),
        ("AF31", 26), ("AF32", 28), ("AF33", 30), ("AF41", 34), ("AF42", 36), ("AF43", 38),
        ("CS0", 0), ("CS1", 8), ("CS2", 16), ("CS3", 24), ("CS4", 32), ("CS5", 40), ("CS6", 48), ("CS7", 56),
    ]

    /// A code point from its number.
    package init?(_ value: Int) {
        guard (0...63).contains(value) else { return nil }
        self.value = UInt8(value)
    }

    /// `46`, `EF`, `ef`, `AF41`; nil for anything outside 0-63 or an unknown name.
    package init?(parsing text: String) {
        guard let number = Int(text) ?? Self.names.first(where: { $0.name == text.uppercased() }).map({ Int($0.value) })
        else { return nil }
        self.init(number)
    }

    /// The code point of a TOS / traffic class byte (its upper six bits).
    package init(trafficClass: UInt8) { self.value = trafficClass >> 2 }

    /// The TOS / traffic class byte that carries it (ECN bits zero).
    package var trafficClass: UInt8 { value << 2 }

    /// The class name, when it has one (0 has none: it is the default, "not marked").
    package var name: String? { value == 0 ? nil : Self.names.first { $0.value == value }?.name }

    /// `EF (46)`, `0`.
    package var description: String { name.map { "\($0) (\(value))" } ?? "\(value)" }

    /// The accepted names, for messages.
    static var nameList: String { names.map(\.name).joined(separator: ", ") }
}
