import Foundation

/// A copy of the built netready, and every resource bundle beside it, in a fresh directory that
/// any user can read and search, for tests that run the binary as another user (`nobody`).
///
/// The checkout may sit in a 0700 directory (a home directory, a private temp dir): another user
/// cannot reach `.build/debug/netready` there, and its run fails before it prints anything.
/// `/tmp` is reachable by everyone, and the copy keeps the bundle layout SwiftPM's
/// `Bundle.module` looks for (the `*.resources` directories next to the executable).
enum ForeignUserBinary {
    /// Copies the binary (and its bundles) into a new world-readable directory under /tmp and
    /// returns the directory; remove it with `FileManager.removeItem` when done.
    static func copy() throws -> (directory: URL, binary: String) {
        let manager = FileManager.default
        let source = URL(fileURLWithPath: NetReadyBinary.path)
        let directory = URL(fileURLWithPath: "/tmp").appendingPathComponent("netready-foreign-\(UUID().uuidString)")
        try manager.createDirectory(at: directory, withIntermediateDirectories: false)
        let sourceDirectory = source.deletingLastPathComponent()
        let bundles = try manager.contentsOfDirectory(atPath: sourceDirectory.path).filter {
            $0.hasSuffix(".resources") || $0.hasSuffix(".bundle")
        }
        try ExecutableCopy.copy(
            from: source.path, to: directory.appendingPathComponent(source.lastPathComponent).path)
        for name in bundles {
            try manager.copyItem(
                at: sourceDirectory.appendingPathComponent(name), to: directory.appendingPathComponent(name))
        }
        // Readable (and searchable) by everyone, whatever the umask and the original modes.
        try makeReadableByEveryone(directory)
        return (directory, directory.appendingPathComponent(source.lastPathComponent).path)
    }

    /// chmod -R a+rX: directories 0755, the executable 0755, other files 0644.
    private static func makeReadableByEveryone(_ directory: URL) throws {
        let manager = FileManager.default
        try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
        for relative in try manager.subpathsOfDirectory(atPath: directory.path) {
            let path = directory.appendingPathComponent(relative).path
            var isDirectory: ObjCBool = false
            _ = manager.fileExists(atPath: path, isDirectory: &isDirectory)
            let executable = isDirectory.boolValue || manager.isExecutableFile(atPath: path)
            try manager.setAttributes([.posixPermissions: executable ? 0o755 : 0o644], ofItemAtPath: path)
        }
    }
}
