import Foundation

/// A copy of the built `netready` in a fresh 0755 directory under the system temporary directory, so another
/// user (`nobody`) can run it whatever the checkout's permissions (a clone in a 0700 home, a root-only CI
/// directory). Removed by `remove()`.
struct ReadableInstall {
    /// The install prefix: the binary is `bin/netready`.
    let root: URL
    /// The copied binary.
    let binary: String

    /// Copies the binary, and its resource bundle when `withProfiles`.
    init(withProfiles: Bool = true) throws {
        // /tmp, not $TMPDIR: another user must be able to reach it.
        root = URL(fileURLWithPath: "/tmp")
            .appendingPathComponent("netready-install-\(getpid())-\(UUID().uuidString.prefix(8))")
        let bin = root.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        for directory in [root, bin] {
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
        }
        binary = bin.appendingPathComponent("netready").path
        try ExecutableCopy.copy(from: NetReadyBinary.path, to: binary)
        if withProfiles {
            try FileManager.default.copyItem(
                atPath: Self.buildBundle, toPath: bin.appendingPathComponent("netready_NetReady.resources").path)
        }
    }

    /// The resource bundle the build put beside the binary.
    static var buildBundle: String {
        URL(fileURLWithPath: NetReadyBinary.path).deletingLastPathComponent()
            .appendingPathComponent("netready_NetReady.resources").path
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}
