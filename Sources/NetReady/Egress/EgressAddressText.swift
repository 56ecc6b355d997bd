import Foundation
import NetReadyPosix

/// Reads an IP address out of what an echo service answered: plain text (`198.51.100.7\n`), a JSON object with
/// the address under a usual key (`{"ip": "..."}`), or a JSON string. Anything else is no address.
enum EgressAddressText {
    /// The keys under which JSON echo services put the caller's address, in the order they are tried.
    static let jsonKeys = ["ip", "address", "ip_addr", "client_ip", "origin", "query"]

    /// The caller's address in an echo service's `body`, canonical; nil for HTML, garbage or an empty body.
    static func address(inBody body: [UInt8]) -> String? {
        guard body.count <= 4096, let text = String(validating: body, as: UTF8.self) else { return nil }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if let plain = canonical(trimmed) { return plain }
        return addressInJSON(trimmed)
    }

    /// The address in a TXT string such as `198.51.100.7` or `"198.51.100.7"`; nil when it is something else.
    static func address(inText text: String) -> String? {
        canonical(text.trimmingCharacters(in: CharacterSet(charactersIn: "\" \t\r\n")))
    }

    /// `text` as a canonical IP literal (`::ffff:a.b.c.d` read as IPv4), or nil when it is not an address.
    static func canonical(_ text: String) -> String? {
        guard !text.isEmpty, text.count <= 64, let address = IPAddress(text), address.zone == nil else { return nil }
        return address.unmapped.description
    }

    private static func addressInJSON(_ text: String) -> String? {
        guard text.hasPrefix("{") || text.hasPrefix("\""),
            let value = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
        else { return nil }
        if let string = value as? String { return canonical(string.trimmingCharacters(in: .whitespaces)) }
        guard let object = value as? [String: Any] else { return nil }
        for key in jsonKeys {
            if let string = object[key] as? String, let ip = canonical(string.trimmingCharacters(in: .whitespaces)) {
                return ip
            }
        }
        return nil
    }
}
