import NetReady

extension FuzzTarget {
    /// A user's target file: YAML (or JSON) through Yams into validated targets, as `check` and
    /// `targets validate` load it. Bytes that are not UTF-8 stop where the loader stops them.
    static let targetFile = FuzzTarget(name: "target-file") { bytes in
        guard let text = String(validating: bytes, as: UTF8.self) else { return }
        _ = try? TargetLoader.parse(yaml: text, path: "fuzz.yaml", environment: ["FUZZ": "value"])
    }
}
