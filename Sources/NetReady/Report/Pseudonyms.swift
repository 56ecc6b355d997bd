import Foundation
import NetReadyPosix
import Synchronization

/// Stable pseudonyms for `--redact`: every IP address in a text (v4, v6, with a port or in brackets, inside
/// any sentence) becomes `addr-N`, the same address always the same N, and the host's own name becomes
/// `host-1`. One instance serves a whole run — log lines, streamed NDJSON and the final report — so a
/// redacted report still shows which results share an address, a rotating egress pool, the hop that blocks.
package final class Pseudonyms: Sendable {
    private let assigned = Mutex<[String: String]>([:])
    private let hostNames: [String]

    /// - Parameter hostNames: the host's own names (its hostname, and the short form before the first dot).
    package init(hostNames: [String] = Pseudonyms.ownHostNames()) {
        // Longest first, so "box.example.com" is replaced before "box".
        self.hostNames = Array(Set(hostNames.filter { $0.count >= 2 && $0 != "localhost" }))
            .sorted { $0.count > $1.count }
    }

    /// This machine's name, full and short.
    package static func ownHostNames() -> [String] {
        let name = ProcessInfo.processInfo.hostName
        return [name, String(name.prefix { $0 != "." })]
    }

    /// `text` with every IP address and the host's own name replaced.
    package func redact(_ text: String) -> String {
        var result = replacingAddresses(in: text)
        for name in hostNames where result.contains(name) {
            result = result.replacing(name, with: "host-1")
        }
        return result
    }

    /// The pseudonym of one address, assigned on first sight.
    private func pseudonym(for address: String) -> String {
        let key = address.lowercased()
        return assigned.withLock { table in
            if let known = table[key] { return known }
            let name = "addr-\(table.count + 1)"
            table[key] = name
            return name
        }
    }

    /// Scans runs of the characters addresses are made of (hex digits, `:` and `.`) and replaces each run, or
    /// the IPv4 address at its start, that is a valid address.
    private func replacingAddresses(in text: String) -> String {
        var output = ""
        var run = ""
        var previous: Character?
        func flush() {
            output += replaceRun(run, after: previous)
            run = ""
        }
        for character in text {
            if character.isHexDigit || character == ":" || character == "." {
                run.append(character)
            } else {
                flush()
                output.append(character)
                previous = character
            }
        }
        flush()
        return output
    }

    /// One run of address characters: an IPv6 address (all of it, less trailing dots), or an IPv4 address
    /// followed by anything (`1.2.3.4:443`, `1.2.3.4.`); left alone when it is part of a word.
    private func replaceRun(_ run: String, after previous: Character?) -> String {
        guard !run.isEmpty else { return "" }
        let partOfAWord = previous.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" } ?? false
        var core = Substring(run)
        while let last = core.last, last == "." || (last == ":" && !core.hasSuffix("::")) { core = core.dropLast() }
        if !partOfAWord, core.contains(":"), SocketAddress.isIPLiteral(String(core)) {
            return pseudonym(for: String(core)) + run.dropFirst(core.count)
        }
        // `stun:198.18.0.2:3478`, `IP:fd77::2`: a colon that ends a scheme or label is not part of the address.
        if run.first == ":" {
            let colons = run.prefix { $0 == ":" }
            return colons + replaceRun(String(run.dropFirst(colons.count)), after: ":")
        }
        if partOfAWord { return run }
        if let match = run.prefixMatch(of: /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})/) {
            let octets = [match.1, match.2, match.3, match.4].compactMap { Int($0) }
            let rest = run[match.range.upperBound...]
            // Not a longer dotted number (a version string like 1.2.3.4.5) nor a hex word.
            let fifthPart = rest.hasPrefix(".") && rest.dropFirst().first?.isNumber == true
            if octets.allSatisfy({ $0 <= 255 }), !fifthPart, rest.first.map({ !$0.isHexDigit }) ?? true {
                return pseudonym(for: String(run[match.range])) + rest
            }
        }
        return run
    }
}
