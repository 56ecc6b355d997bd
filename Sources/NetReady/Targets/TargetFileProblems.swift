/// The problems one target file has, gathered while parsing goes on past each bad section, target and
/// probe, so that a user fixing a file learns of every mistake in one run, not one per run.
final class TargetFileProblems {
    /// At most this many problems are named per file; a file with more is better fixed from the top.
    static let limit = 20
    private var found: [TargetFileError] = []
    private var seen: Set<TargetFileError> = []
    private var beyondLimit = 0

    /// Runs `body`; a problem it throws is kept instead of ending the parse. The same problem at the same place
    /// (a YAML alias used many times) is named once.
    func recording(_ body: () throws(TargetFileError) -> Void) {
        do throws(TargetFileError) {
            try body()
        } catch {
            guard seen.insert(error).inserted else { return }
            if found.count < Self.limit { found.append(error) } else { beyondLimit += 1 }
        }
    }

    /// The first problem in file order with the others as its ``TargetFileError/further``; `nil` when none.
    var combined: TargetFileError? {
        let ordered = found.enumerated().sorted { a, b in
            let left = (a.element.location?.line ?? 0, a.element.location?.column ?? 0, a.offset)
            let right = (b.element.location?.line ?? 0, b.element.location?.column ?? 0, b.offset)
            return left < right
        }.map(\.element)
        guard var first = ordered.first else { return nil }
        first.further = Array(ordered.dropFirst())
        if beyondLimit > 0 {
            first.further.append(
                TargetFileError(
                    location: nil,
                    message: "\(beyondLimit) more \(beyondLimit == 1 ? "problem" : "problems") in this file not shown",
                    fix: "fix the ones above and run again"))
        }
        return first
    }
}
