import ArgumentParser
import Foundation
import NetReady
import NetReadyPosix

/// Value lists for shell completion (`netready --generate-completion-script bash|zsh|fish`): formats,
/// shipped profiles, target files and probe schemes, interfaces.
enum Completions {
    /// `--format` of check, egress and report.
    static let formats = CompletionKind.list(OutputFormat.allCases.map(\.rawValue))

    /// TARGET arguments: shipped profile names, `.yaml`/`.yml`/`.json` files and folders under the word being
    /// completed, and the probe URI schemes.
    static let targets = CompletionKind.custom { _, _, prefix in
        var candidates = ((try? ShippedProfiles.locate())?.all.keys.sorted()) ?? []
        candidates += ProbeKind.allCases.map { $0.usesAuthority ? "\($0.rawValue)://" : "\($0.rawValue):" }
        candidates += files(matching: prefix, extensions: ["yaml", "yml", "json"])
        return candidates.filter { $0.hasPrefix(prefix) }
    }

    /// `--interface`: this host's interfaces.
    static let interfaces = CompletionKind.custom { _, _, _ in
        Set(((try? NetworkInterface.all()) ?? []).map(\.name)).sorted()
    }

    /// Folders (with a trailing `/`) and files with one of `extensions` in the folder `prefix` points into.
    private static func files(matching prefix: String, extensions: Set<String>) -> [String] {
        let slash = prefix.lastIndex(of: "/")
        let folder = slash.map { String(prefix[...$0]) } ?? ""
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder) else {
            return []
        }
        return names.sorted().compactMap { name in
            guard !name.hasPrefix(".") else { return nil }
            let path = folder + name
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            if isDirectory.boolValue { return path + "/" }
            return extensions.contains(URL(fileURLWithPath: name).pathExtension.lowercased()) ? path : nil
        }
    }
}
