import NetReady

/// The keys and value types of a JSON report, without its values: what the golden tests compare
/// between a saved report and a fresh run, so a refactor provably keeps the schema.
indirect enum ReportShape: Equatable, CustomStringConvertible {
    case null
    case bool
    case number
    case string
    /// The union of the shapes of the elements (`nil`: empty).
    case array(ReportShape?)
    case object([String: ReportShape])

    init(_ value: JSONValue) {
        switch value {
        case .null: self = .null
        case .bool: self = .bool
        case .int, .double: self = .number
        case .string: self = .string
        case .array(let array):
            self = .array(array.map(ReportShape.init).reduce(nil) { union, next in union.map { $0.union(next) } ?? next })
        case .object(let object): self = .object(object.mapValues(ReportShape.init))
        }
    }

    /// Two element shapes merged: objects by key (a key missing from one is still a key), null with anything.
    func union(_ other: ReportShape) -> ReportShape {
        switch (self, other) {
        case (.null, _): other
        case (_, .null): self
        case (.array(let left), .array(let right)):
            .array(left.flatMap { left in right.map { left.union($0) } ?? left } ?? right)
        case (.object(let left), .object(let right)):
            .object(left.merging(right) { $0.union($1) })
        default: self
        }
    }

    /// Where `self` (a fresh run) differs from `expected` (the fixture): missing or extra keys, other types.
    /// A null on either side matches any type (a value that is absent in one run, e.g. no OTHER-ADDRESS),
    /// and an empty array matches any array.
    func differences(from expected: ReportShape, at path: String = "") -> [String] {
        switch (self, expected) {
        case (.null, _), (_, .null): return []
        case (.array(let mine), .array(let theirs)):
            guard let mine, let theirs else { return [] }
            return mine.differences(from: theirs, at: path + "[]")
        case (.object(let mine), .object(let theirs)):
            var found: [String] = []
            for key in Set(mine.keys).union(theirs.keys).sorted() {
                switch (mine[key], theirs[key]) {
                case (let value?, let reference?): found += value.differences(from: reference, at: path + "." + key)
                case (_?, nil): found.append("\(path).\(key): not in the fixture")
                default: found.append("\(path).\(key): missing")
                }
            }
            return found
        default:
            return self == expected ? [] : ["\(path): \(self) where the fixture has \(expected)"]
        }
    }

    var description: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}
