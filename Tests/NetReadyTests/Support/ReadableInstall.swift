import Foundation

/// A copy of the built `netready` in a fresh 0755 directory under /tmp, so another user (`nobody`) can run
/// it whatever the checkout's permissions (a clone in a 0700 home, a root-only CI directory): there that user
/// cannot reach `.build/debug/netready`, and its run fails before it prints anything. The copy keeps the
/// layout SwiftPM's `Bundle.module` looks for (the `*.resources` bundles next to the executable). Removed by
/// `remove()`.
struct ReadableInstall {
    /// The install prefix: the binary is `bin/netready`.
    let root: URL
    /// The copied binary.
    let binary: String

    /// Copies the binary, and every resource bundle beside it when `withProfiles`.
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
        guard withProfiles else { return }
        let built = URL(fileURLWithPath: NetReadyBinary.path).deletingLastPathComponent()
        for name in try FileManager.default.contentsOfDirectory(atPath: built.path)
        where name.hasSuffix(".resources") {
            let copy = bin.appendingPathComponent(name).path
            try FileManager.default.copyItem(atPath: built.appendingPathComponent(name).path, toPath: copy)
            try Self.makeReadableByEveryone(copy)
        }
    }

    /// chmod -R a+rX under `path`: directories 0755, other files 0644, whatever the umask and the build's modes.
    private static func makeReadableByEveryone(_ path: String) throws {
        let manager = FileManager.default
        try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        for relative in try manager.subpathsOfDirectory(atPath: path) {
            let item = path + "/" + relative
            var isDirectory: ObjCBool = false
            _ = manager.fileExists(atPath: item, isDirectory: &isDirectory)
            try manager.setAttributes([.posixPermissions: isDirectory.boolValue ? 0o755 : 0o644], ofItemAtPath: item)
        }
    }

    /// The resource bundle the build put beside the binary.
    static var buildBundle: String {
        URL(fileURLWithPath: NetReadyBinary.path).deletingLastPathComponent()
            .appendingPathComponent("netready_NetReady.resources").path
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}
