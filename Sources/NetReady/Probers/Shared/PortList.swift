/// Writes sorted port numbers compactly: `[80, 81, 82, 443]` becomes `80-82,443`.
enum PortList {
    static func compress(_ ports: [UInt16]) -> String {
        var parts: [String] = []
        var index = 0
        while index < ports.count {
            var end = index
            while end + 1 < ports.count && ports[end + 1] == ports[end] + 1 { end += 1 }
            parts.append(end == index ? "\(ports[index])" : "\(ports[index])-\(ports[end])")
            index = end + 1
        }
        return parts.joined(separator: ",")
    }
}
