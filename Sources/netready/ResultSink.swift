import Foundation
import NetReady
import NetReadyPosix

/// Where results go while a run is in progress and when it ends: the NDJSON stream, the
/// progress line on stderr, and the final report (stdout, or a file written atomically).
final class ResultSink: @unchecked Sendable {
    private let format: OutputFormat
    private let output: OutputOptions
    private let lock = NSLock()
    private let stream: FileHandle?
    private let progress: ProgressLine?
    private let targetRequired: [Bool]

    init(format: OutputFormat, output: OutputOptions, plan: Plan) throws {
        self.format = format
        self.output = output
        targetRequired = plan.targets.map(\.required)
        if format == .ndjson {
            // NDJSON goes straight to its destination as probes finish, so a killed run keeps them.
            if let path = output.outputFile {
                guard FileManager.default.createFile(atPath: path, contents: nil),
                    let handle = FileHandle(forWritingAtPath: path)
                else { throw CommandFailure.tool("cannot write \(path)") }
                stream = handle
            } else {
                stream = FileHandle.standardOutput
            }
        } else {
            stream = nil
        }
        let showProgress = !output.quiet && isatty(STDERR_FILENO) == 1
        progress = showProgress ? ProgressLine(total: plan.probes.count) : nil
    }

    /// Called as each probe finishes.
    func finished(_ probe: PlannedProbe, _ result: ProbeResult) {
        lock.withLock {
            if let stream,
                let line = try? NDJSONRenderer().line(for: result, target: probe.targetName, required: probe.required)
            {
                stream.writeIfPossible(line)
            }
            progress?.advance(failed: result.status == .fail || result.status == .error)
        }
    }

    /// Writes the final report in the chosen format.
    func complete(_ report: Report) throws {
        try lock.withLock {
            progress?.clear()
            if let stream {
                // Results made after the probes (the egress allow-list) are streamed with the summary.
                for target in report.targets where target.name == EgressAllowList.targetName {
                    for probe in target.probes {
                        let line = try NDJSONRenderer().line(for: probe, target: target.name, required: target.required)
                        stream.writeIfPossible(line)
                    }
                }
                stream.writeIfPossible(try NDJSONRenderer().summaryLine(for: report))
                if output.outputFile != nil { try stream.close() }
                return
            }
            let text = try format.renderer(color: output.useColor).render(report)
            if let path = output.outputFile {
                do {
                    try AtomicFile.write(text, to: path)
                } catch {
                    throw CommandFailure.tool("cannot write \(path): \(error)")
                }
            } else {
                FileHandle.standardOutput.writeIfPossible(text)
            }
        }
    }
}

/// Writes a file so that readers see the old content or the new, never half: temp file, then rename.
enum AtomicFile {
    static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        try Data(text.utf8).write(to: temporary)
        do {
            // Through NetReadyPosix's syscall funnel, the one place that reads errno.
            _ = try Syscall.run("rename") { rename(temporary.path, url.path) }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw CommandFailure.tool("rename to \(path) failed: \(error)")
        }
    }
}

/// The progress line on stderr: redrawn in place, at most ten times a second.
final class ProgressLine {
    private let total: Int
    private var done = 0
    private var failed = 0
    private var lastDraw = ContinuousClock.now - .seconds(1)

    init(total: Int) { self.total = total }

    func advance(failed isFailure: Bool) {
        done += 1
        if isFailure { failed += 1 }
        let now = ContinuousClock.now
        guard now - lastDraw >= .milliseconds(100) || done == total else { return }
        lastDraw = now
        FileHandle.standardError.writeIfPossible("\r\u{1B}[Kprobing: \(done)/\(total) done, \(failed) failed")
    }

    func clear() {
        FileHandle.standardError.writeIfPossible("\r\u{1B}[K")
    }
}
