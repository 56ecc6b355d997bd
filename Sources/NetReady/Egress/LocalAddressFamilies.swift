import NetReadyPosix

/// The address families this host can reach the internet over: those with an address on an interface that is
/// up, not loopback, and (for IPv6) not link-local.
enum LocalAddressFamilies {
    /// The usable families; both when the interfaces cannot be read (a connection then says what is wrong).
    static func available() -> Set<AddressFamily> {
        guard let interfaces = try? NetworkInterface.all() else { return [.inet, .inet6] }
        var families: Set<AddressFamily> = []
        for interface in interfaces where interface.isUp && !interface.isLoopback {
            for address in interface.addresses {
                let bare = String(address.split(separator: "/").first ?? "")
                if bare.contains(":") {
                    if !bare.lowercased().hasPrefix("fe80") { families.insert(.inet6) }
                } else if !bare.isEmpty {
                    families.insert(.inet)
                }
            }
        }
        return families
    }
}
