import ArgumentParser
import NetReadyPosix

/// Checks `--source` and `--interface` against the kernel before any probe runs, so a typo is a usage
/// error (exit 2) naming the flag, not a run in which every probe fails and the network is blamed.
enum LocalEndpointCheck {
    /// Binds a throwaway UDP socket to the address: the kernel refuses one that is not this host's.
    static func source(_ text: String) throws {
        guard let address = try? SocketAddress(ip: text, port: 0) else {
            throw ValidationError("--source must be an IP address of this host, got '\(text)'")
        }
        do {
            let socket = try Socket.open(family: address.family, type: .datagram) { (socket) throws(IOError) in
                try socket.bind(to: address)
            }
            socket.close()
        } catch {
            throw ValidationError("--source \(text) is not an address of this host (\(error.description))")
        }
    }

    /// Binds a throwaway UDP socket to the interface (`SO_BINDTODEVICE`): the kernel refuses a name it does not
    /// know.
    static func interface(_ name: String) throws {
        do {
            let socket = try Socket.open(family: .inet, type: .datagram) { (socket) throws(IOError) in
                try socket.bind(toInterface: name)
            }
            socket.close()
        } catch {
            let known = Set(((try? NetworkInterface.all()) ?? []).map(\.name)).sorted().joined(separator: ", ")
            throw ValidationError("--interface \(name): no such interface here (\(error.description)); interfaces: \(known)")
        }
    }
}
