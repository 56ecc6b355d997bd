import Yams

/// Typed access to a composed YAML tree that turns every mismatch into a ``TargetFileError`` at the node's
/// `file:line:column`.
struct YAMLNodeReader {
    /// The file path used in locations.
    let path: String

    /// The entries of a mapping, by key, with their key nodes for error locations.
    struct Fields {
        /// The mapping node itself.
        let node: Node
        /// Key → (key node, value node), `<<` merges applied.
        let entries: [String: (key: Node, value: Node)]

        /// The value node of `key`, if present.
        subscript(key: String) -> Node? { entries[key]?.value }

        /// The key node of `key`, if present.
        func keyNode(_ key: String) -> Node? { entries[key]?.key }
    }

    /// The location of `node` (the start of the file when Yams gave none).
    func location(_ node: Node?) -> SourceLocation {
        let mark = node?.mark
        return SourceLocation(file: path, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    /// An error at `node`.
    func error(_ node: Node?, _ message: String, fix: String? = nil) -> TargetFileError {
        TargetFileError(location: location(node), message: message, fix: fix)
    }

    /// Whether a node is YAML null (`~`, `null`, or nothing at all).
    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// "a map", "a list", "'text'" or "nothing", for messages about a value of the wrong type.
    static func describe(_ node: Node) -> String {
        switch node {
        case .mapping: return "a map"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar(let scalar): return isNull(node) ? "nothing" : "'\(shortened(scalar.string))'"
        }
    }

    /// The longest string value a target file may hold: far above any real name, URI or description, low
    /// enough that a pasted blob is reported as such rather than carried into every message and report.
    static let maxStringLength = 4096

    /// `text`, cut to its first 60 characters and a count when longer: errors quote values, and a
    /// 1 MB line quoted whole buries the message.
    static func shortened(_ text: String) -> String {
        text.count <= 80 ? text : "\(text.prefix(60))... (\(text.count) characters)"
    }

    /// Reads a mapping whose keys must all be in `known`; an unknown key is an error suggesting the nearest one.
    func fields(_ node: Node, in what: String, known: [String]) throws(TargetFileError) -> Fields {
        var mergeBudget = Self.maxMerges
        return try fields(node, in: what, known: known, mergeBudget: &mergeBudget)
    }

    /// The most maps `<<` may pull into one map, nested merges included. Anchors make the expansion
    /// exponential ("billion laughs": nine merges of nine merges of ...), which would hang the parser.
    static let maxMerges = 1000

    private func fields(
        _ node: Node, in what: String, known: [String], mergeBudget: inout Int
    ) throws(TargetFileError) -> Fields {
        guard case .mapping(let mapping) = node else {
            throw error(
                node, "expected \(what) to be a map, found \(Self.describe(node))",
                fix: "write it as 'key: value' lines")
        }
        var entries: [String: (key: Node, value: Node)] = [:]
        var merged: [Node] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let scalar) = keyNode, !Self.isNull(keyNode) else {
                throw error(keyNode, "expected a plain key in \(what), found \(Self.describe(keyNode))")
            }
            let key = scalar.string
            if key == "<<" && scalar.style == .plain {
                merged.append(value)
                continue
            }
            guard known.contains(key) else {
                var fix = "known keys: \(known.joined(separator: ", "))"
                if let near = TargetsEditDistance.nearest(to: key, in: known) { fix = "did you mean '\(near)'?" }
                throw error(keyNode, "unknown key '\(Self.shortened(key))' in \(what)", fix: fix)
            }
            entries[key] = (keyNode, value)
        }
        for source in merged {
            let sources: [Node] = if case .sequence(let list) = source { Array(list) } else { [source] }
            for source in sources {
                mergeBudget -= 1
                guard mergeBudget >= 0 else {
                    throw error(
                        source, "'<<' merges more than \(Self.maxMerges) maps into \(what)",
                        fix: "nested anchors and aliases multiply; write the entries out")
                }
                let extra = try fields(source, in: what, known: known, mergeBudget: &mergeBudget)
                entries.merge(extra.entries) { own, _ in own }
            }
        }
        return Fields(node: node, entries: entries)
    }

    /// The value of a required key, or an error at the mapping naming the key.
    func required(_ fields: Fields, _ key: String, in what: String, example: String) throws(TargetFileError) -> Node {
        guard let value = fields[key] else {
            throw error(fields.node, "\(what) has no '\(key)'", fix: "add \(example)")
        }
        return value
    }

    /// A non-empty string scalar.
    func string(_ node: Node, for key: String) throws(TargetFileError) -> String {
        guard case .scalar(let scalar) = node, !Self.isNull(node) else {
            throw error(node, "expected '\(key)' to be a string, found \(Self.describe(node))")
        }
        guard !scalar.string.allSatisfy(\.isWhitespace) else {
            throw error(node, "'\(key)' is empty")
        }
        guard scalar.string.count <= Self.maxStringLength else {
            throw error(
                node, "'\(key)' is \(scalar.string.count) characters long, more than \(Self.maxStringLength)",
                fix: "is this the right file?")
        }
        return scalar.string
    }

    /// A string, or a list of strings (`tags: crm` or `tags: [crm, voice]`).
    func strings(_ node: Node, for key: String) throws(TargetFileError) -> [String] {
        guard case .sequence(let sequence) = node else { return [try string(node, for: key)] }
        var values: [String] = []
        for item in sequence {
            guard case .scalar = item else {
                throw error(item, "expected each item of '\(key)' to be a string, found \(Self.describe(item))")
            }
            values.append(try string(item, for: key))
        }
        return values
    }

    /// A list (a single scalar is not accepted where a list is expected).
    func list(_ node: Node, for key: String, example: String) throws(TargetFileError) -> [Node] {
        guard case .sequence(let sequence) = node else {
            throw error(
                node, "expected '\(key)' to be a list, found \(Self.describe(node))",
                fix: "write it as '- item' lines or [\(example)]")
        }
        return Array(sequence)
    }

    /// `true` or `false` (also `yes`/`no`).
    func bool(_ node: Node, for key: String) throws(TargetFileError) -> Bool {
        if case .scalar(let scalar) = node {
            switch scalar.string.lowercased() {
            case "true", "yes": return true
            case "false", "no": return false
            default: break
            }
        }
        throw error(node, "expected '\(key)' to be true or false, found \(Self.describe(node))")
    }

    /// An integer within `range`.
    func integer(_ node: Node, for key: String, in range: ClosedRange<Int>) throws(TargetFileError) -> Int {
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty,
            scalar.string.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(scalar.string),
            range.contains(value)
        else {
            throw error(
                node,
                "expected '\(key)' to be a whole number from \(range.lowerBound) to "
                    + "\(range.upperBound), found \(Self.describe(node))")
        }
        return value
    }

    /// A positive duration such as `3s` or `250ms`.
    func duration(_ node: Node, for key: String) throws(TargetFileError) -> Duration {
        let text = try string(node, for: key)
        let value: Duration
        do {
            value = try DurationParser.parse(text)
        } catch {
            throw self.error(node, "bad \(key): \(error.message)", fix: error.fix)
        }
        guard value > .zero else { throw error(node, "'\(key)' must be above zero", fix: "write 3s or 250ms") }
        return value
    }
}
