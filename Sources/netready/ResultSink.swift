import Foundation
import NetReady
import NetReadyPosix

/// Where results go while a run is in progress and when it ends: the NDJSON streams, the
/// progress line on stderr, and the final report in each destination (stdout, or files written atomically).
final class ResultSink: @unchecked Sendable {
    private let destinations: [OutputDestination]
    private let lock = NSLock()
    /// One open stream per NDJSON destination, in the order of `destinations`.
    private let streams: [FileHandle?]
    private let progress: ProgressLine?
    private let redaction: ReportRedaction?

    /// - Parameter meter: the run's attempt counter, for the progress line.
    init(output: OutputOptions, plan: Plan, meter: AttemptMeter) throws {
        destinations = output.destinations
        redaction = output.redaction
        // NDJSON goes straight to its destination as probes finish, so a killed run keeps them.
        streams = try destinations.map { destination in
            guard destination.format == .ndjson else { return nil }
            guard let path = destination.path else { return FileHandle.standardOutput }
            guard FileManager.default.createFile(atPath: path, contents: nil),
                let handle = FileHandle(forWritingAtPath: path)
            else { throw CommandFailure.tool("cannot write \(path)") }
            return handle
        }
        let showProgress = !output.quiet && isatty(STDERR_FILENO) == 1
        progress =
            showProgress
            ? ProgressLine(plan: plan, meter: meter, dumbTerminal: ProcessInfo.processInfo.environment["TERM"] == "dumb")
            : nil
    }

    /// Called as each probe finishes.
    func finished(_ probe: PlannedProbe, _ result: ProbeResult) {
        lock.withLock {
            // With --redact, a streamed line is redacted like the report it belongs to; if that failed, not written.
            let shown = redaction.map { try? $0.redact(result) } ?? result
            let line = shown.flatMap {
                try? NDJSONRenderer().line(for: $0, target: probe.targetName, required: probe.required)
            }
            if let line {
                for case let stream? in streams { stream.writeIfPossible(line) }
            }
            progress?.advance(failed: result.status == .fail || result.status == .error)
        }
    }

    /// Writes the final report to every destination.
    func complete(_ report: Report) throws {
        try lock.withLock {
            progress?.clear()
            for (destination, stream) in zip(destinations, streams) {
                if let stream {
                    try Self.close(stream, of: report, file: destination.path != nil)
                    continue
                }
                let text = try destination.format.renderer(color: destination.color).render(report)
                do {
                    try destination.write(text)
                } catch {
                    throw CommandFailure.tool("cannot write \(destination.path ?? "standard output"): \(error)")
                }
            }
        }
    }

    /// Ends an NDJSON stream: results made after the probes (the egress allow-list), then the summary.
    private static func close(_ stream: FileHandle, of report: Report, file: Bool) throws {
        for target in report.targets where target.name == EgressAllowList.targetName {
            for probe in target.probes {
                let line = try NDJSONRenderer().line(for: probe, target: target.name, required: target.required)
                stream.writeIfPossible(line)
            }
        }
        stream.writeIfPossible(try NDJSONRenderer().summaryLine(for: report))
        if file { try stream.close() }
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

/// The progress line on stderr: probes and attempts done, failures, and an ETA from the pace so far; redrawn
/// through ``StatusLine`` when a probe finishes and four times a second, so a long port range shows movement.
final class ProgressLine: @unchecked Sendable {
    private let total: Int
    private let expectedAttempts: Int
    private let meter: AttemptMeter
    private let started = ContinuousClock.now
    private let lock = NSLock()
    private var done = 0
    private var failed = 0
    private let timer: DispatchSourceTimer

    init(plan: Plan, meter: AttemptMeter, dumbTerminal: Bool) {
        total = plan.probes.count
        expectedAttempts = AttemptMeter.expectedAttempts(plan)
        self.meter = meter
        StatusLine.shared.configure(dumbTerminal: dumbTerminal)
        timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + .milliseconds(250), repeating: .milliseconds(250))
        timer.setEventHandler { [weak self] in self?.draw() }
        timer.resume()
    }

    func advance(failed isFailure: Bool) {
        lock.withLock {
            done += 1
            if isFailure { failed += 1 }
        }
        draw()
    }

    func clear() {
        timer.cancel()
        StatusLine.shared.clear()
    }

    private func draw() {
        let (done, failed) = lock.withLock { (self.done, self.failed) }
        let attempts = meter.count
        var text = "probing: \(done)/\(total) probes, \(attempts) of ~\(max(attempts, expectedAttempts)) attempts"
        if failed > 0 { text += ", \(failed) failed" }
        let elapsed = ContinuousClock.now - started
        if attempts > 0, expectedAttempts > attempts, elapsed > .seconds(1) {
            let remaining = elapsed * Double(expectedAttempts - attempts) / Double(attempts)
            text += ", ~\(Int(remaining / .seconds(1)) + 1) s left"
        }
        StatusLine.shared.show(text)
    }
}
