/// One `thresholds:` block of a plan and what it covers: every probe of its file (file level) or of its target.
package struct RequirementScope: Sendable {
    /// The file's or the target's name.
    package var label: String
    package var block: ThresholdsBlock
    /// The limits in force after the command line's `--max-*` (which win over the block).
    package var limits: MediaThresholds
    package var probeIDs: [Int]
    /// True when any covered target is required: a failed row then makes the run not ready.
    package var required: Bool
}
