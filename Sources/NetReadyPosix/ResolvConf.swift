import Glibc

/// The stub resolver configuration from `/etc/resolv.conf` (resolv.conf(5)), with the C library's defaults.
public struct ResolvConf: Sendable, Equatable {
    /// `nameserver` addresses, in file order (the C library uses at most three).
    public var nameservers: [String]
    /// The search list: the last `search` or `domain` line wins, as in glibc.
    public var search: [String]
    /// `options ndots:N` (default 1, at most 15).
    public var ndots: Int
    /// `options timeout:N` in seconds (default 5, at most 30).
    public var timeoutSeconds: Int
    /// `options attempts:N` (default 2, at most 5).
    public var attempts: Int

    /// Parses resolv.conf text; unknown lines and options are ignored, like the C library does.
    public init(parsing text: String) {
        nameservers = []
        search = []
        ndots = 1
        timeoutSeconds = 5
        attempts = 2
        for rawLine in text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            let words = rawLine.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let keyword = words.first, !keyword.hasPrefix("#"), !keyword.hasPrefix(";") else {
                continue
            }
            let arguments = words.dropFirst().prefix { !$0.hasPrefix("#") && !$0.hasPrefix(";") }.map(String.init)
            switch keyword {
            case "nameserver":
                if let server = arguments.first {
                    nameservers.append(server)
                }
            case "search":
                search = arguments
            case "domain":
                if let domain = arguments.first {
                    search = [domain]
                }
            case "options":
                for option in arguments {
                    let parts = option.split(separator: ":", maxSplits: 1).map(String.init)
                    guard parts.count == 2, let value = Int(parts[1]), value >= 0 else {
                        continue
                    }
                    switch parts[0] {
                    case "ndots": ndots = min(value, 15)
                    case "timeout": timeoutSeconds = min(max(value, 1), 30)
                    case "attempts": attempts = min(max(value, 1), 5)
                    default: break
                    }
                }
            default:
                continue
            }
        }
    }

    /// Reads and parses a resolv.conf file.
    ///
    /// - Throws: ``IOError`` when the file cannot be read.
    public static func load(path: String = "/etc/resolv.conf") throws(IOError) -> ResolvConf {
        ResolvConf(parsing: try readTextFile(path))
    }

    /// Reads a whole (small) file through the syscall funnel.
    static func readTextFile(_ path: String) throws(IOError) -> String {
        let descriptor = try Syscall.run("open") { open(path, O_RDONLY | O_CLOEXEC) }
        defer { _ = close(descriptor) }
        var contents: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = try Syscall.run("read") {
                buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            }
            if count == 0 {
                break
            }
            contents.append(contentsOf: buffer.prefix(count))
        }
        return String(decoding: contents, as: UTF8.self)
    }
}
