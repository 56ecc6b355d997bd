import NetReadyWire

extension FuzzTarget {
    /// The request line `netready serve` reads from any client that connects.
    static let httpRequestHead = FuzzTarget(name: "http-request-head") { bytes in
        if let end = HTTPRequestHead.headerEnd(bytes) { fuzzInvariant(end <= bytes.count, "header end \(end)") }
        guard let head = try? HTTPRequestHead.parse(bytes) else { return }
        fuzzInvariant(head.path.hasPrefix("/"), "path '\(head.path)'")
    }
}
