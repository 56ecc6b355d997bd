import Foundation
import NetReadyTestSupport
import Testing

/// Debian's `chromium-headless-shell` (installed by scripts/install-deps), driven from its command line:
/// a screenshot of a page, and the DOM after the page's script ran (`--dump-dom`).
///
/// Each instance has its own profile directory, so tests running at once do not share a browser
/// profile lock. Timeouts are generous: a browser start on a loaded 2-core machine can take many seconds.
struct HeadlessChromium {
    static let path = "/usr/bin/chromium-headless-shell"

    /// True when the browser tests should run: the browser is installed, or this is CI, where a missing
    /// browser must fail the test rather than skip it.
    static var shouldRun: Bool {
        FileManager.default.isExecutableFile(atPath: path) || ProcessInfo.processInfo.environment["CI"] == "true"
    }

    let profile: URL

    init(profile: URL) {
        self.profile = profile
    }

    /// A PNG screenshot of `page` at `width` × `height` CSS pixels (device scale 1).
    func screenshot(_ page: URL, to png: URL, width: Int, height: Int) async throws {
        let output = try await run([
            "--screenshot=\(png.path)", "--window-size=\(width),\(height)", "--force-device-scale-factor=1",
            page.absoluteString,
        ])
        #expect(output.status == 0, "chromium: \(output.stderr)")
    }

    /// The page's DOM serialised after load and script.
    ///
    /// `--dump-dom` itself needs script (it prints nothing with `--blink-settings=scriptEnabled=false`), so a
    /// page without script is checked as a ticket system serves attachments: under a CSP that blocks scripts.
    func dumpDOM(_ url: String) async throws -> String {
        let output = try await run(["--dump-dom", url])
        #expect(output.status == 0, "chromium: \(output.stderr)")
        return output.stdout
    }

    private func run(_ arguments: [String]) async throws -> (status: Int32, stdout: String, stderr: String) {
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.path),
            "chromium-headless-shell is not installed: run scripts/install-deps")
        // Root cannot use chromium's sandbox; the page is our own file, loaded offline.
        let sandbox = getuid() == 0 ? ["--no-sandbox"] : []
        let common = [
            "--headless", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--mute-audio",
            "--user-data-dir=\(profile.path)", "--virtual-time-budget=10000",
        ]
        let child = ChildProcess(Self.path, sandbox + common + arguments)
        return try await onOwnThread { try child.runCapturing(timeoutSeconds: 240) }
    }
}

/// A page as `--dump-dom` printed it, read with plain string scanning (the dump is HTML, not XML).
struct DumpedPage {
    /// One row of the probe table: its status, reason, p50 sort key, and whether the script hid it.
    struct Row {
        let status: String
        let reason: String
        let target: String
        let hidden: Bool
        /// The p50 cell's sort key: nil when the probe measured no latency.
        let p50: Double?
    }

    let html: String

    /// The rows of the probe table, in page order.
    var probeRows: [Row] {
        guard let table = section(from: "<table id=\"probes\"", to: "</table>") else { return [] }
        return table.components(separatedBy: "<tr ").dropFirst().compactMap { chunk in
            guard let end = chunk.firstIndex(of: ">") else { return nil }
            let tag = String(chunk[..<end])
            guard let status = Self.attribute("data-status", in: tag) else { return nil }
            // Cells with a sort key: status, reason, p50, p90, p99.
            let keys = chunk.components(separatedBy: "data-key=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
            return Row(
                status: status, reason: Self.attribute("data-reason", in: tag) ?? "",
                target: Self.attribute("data-target", in: tag) ?? "", hidden: Self.attribute("hidden", in: tag) != nil,
                p50: keys.count > 2 ? Double(keys[2]) : nil)
        }
    }

    /// How often `needle` occurs inside the element that starts with `start` and ends at the first `end`.
    func count(_ needle: String, between start: String, and end: String) -> Int {
        (section(from: start, to: end)?.components(separatedBy: needle).count ?? 1) - 1
    }

    /// The opening tag of the first element that starts with `start`.
    func openingTag(_ start: String) -> String? {
        guard let range = html.range(of: start), let end = html[range.upperBound...].firstIndex(of: ">") else {
            return nil
        }
        return String(html[range.lowerBound..<end])
    }

    private func section(from start: String, to end: String) -> String? {
        guard let open = html.range(of: start), let close = html.range(of: end, range: open.upperBound..<html.endIndex)
        else { return nil }
        return String(html[open.lowerBound..<close.lowerBound])
    }

    private static func attribute(_ name: String, in tag: String) -> String? {
        guard let start = tag.range(of: " \(name)=\"") else { return nil }
        let rest = tag[start.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}

/// The size a PNG declares in its IHDR chunk, or nil when the data is not a PNG.
func pngSize(_ data: Data) -> (width: Int, height: Int)? {
    let bytes = [UInt8](data.prefix(24))
    guard bytes.count == 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { return nil }
    func integer(_ offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
    return (integer(16), integer(20))
}
