import NetReady

extension FuzzTarget {
    /// A probe URI from the command line or a target file.
    static let probeURI = FuzzTarget(name: "probe-uri") { bytes in
        _ = try? ProbeURI(parsing: String(decoding: bytes, as: UTF8.self))
    }
}
