import Foundation
import Hummingbird
import Logging
import NIOCore
import NetReady
import ServiceLifecycle

/// The HTTP side of `netready serve`, on Hummingbird: `/metrics`, `/-/healthy`, `/-/ready`,
/// `/report.json` and `/probe?target=NAME` (blackbox_exporter's pattern, for loaded targets only).
package struct AgentHTTPServer: Sendable {
    /// Runs one loaded target now and renders its metrics.
    package typealias ProbeTarget = @Sendable (_ name: String) async -> ProbeAnswer
    /// The names of the loaded targets (they change on SIGHUP).
    package typealias TargetNames = @Sendable () -> [String]

    package static let exposition = "text/plain; version=0.0.4; charset=utf-8"
    /// An idle connection (a client that connects and says nothing) is closed after this long.
    static let idleTimeout: TimeAmount = .seconds(10)

    let host: String
    let port: Int
    let metrics: AgentMetrics
    let targetNames: TargetNames
    let probeTarget: ProbeTarget
    let logger: Logger

    package init(
        host: String, port: Int, metrics: AgentMetrics, targetNames: @escaping TargetNames,
        probeTarget: @escaping ProbeTarget, logger: Logger
    ) {
        self.host = host
        self.port = port
        self.metrics = metrics
        self.targetNames = targetNames
        self.probeTarget = probeTarget
        self.logger = logger
    }

    /// Serves until `stop` fires; `onListening` gets the bound address (`127.0.0.1:PORT`, `[::1]:PORT`).
    ///
    /// - Throws: when the address cannot be bound.
    package func serve(until stop: StopSignal, onListening: @escaping @Sendable (String) -> Void) async throws {
        // Hummingbird logs every shutdown's cancelled accept loop as an error; what matters (a failed
        // bind) is thrown, and the agent's own log says what it serves and refuses.
        var quiet = logger
        quiet.logLevel = .critical
        let app = Application(
            router: router(),
            server: .http1(configuration: .init(idleTimeout: Self.idleTimeout)),
            configuration: .init(address: .hostname(host, port: port), serverName: "netready"),
            onServerRunning: { channel in onListening(Self.describe(channel.localAddress)) },
            logger: quiet)
        var configuration = ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [], logger: quiet)
        // A client holding an idle connection must not hold up the agent's exit for its idle timeout.
        configuration.maximumGracefulShutdownDuration = .seconds(2)
        let services = ServiceGroup(configuration: configuration)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            group.addTask { if await stop.wait() != nil { await services.triggerGracefulShutdown() } }
            // The server ends after the stop (or first, when it cannot bind: then the stop waiter is cancelled).
            try await group.next()
            group.cancelAll()
        }
    }

    private static func describe(_ address: SocketAddress?) -> String {
        guard let address, let ip = address.ipAddress, let port = address.port else { return "unknown" }
        return ip.contains(":") ? "[\(ip)]:\(port)" : "\(ip):\(port)"
    }

    func router() -> Router<AgentRequestContext> {
        let router = Router(context: AgentRequestContext.self)
        router.add(middleware: ReadOnlyMiddleware())
        let metrics = metrics
        router.read("/metrics") { _, _ in Self.text(metrics.exposition(), contentType: Self.exposition) }
        router.read("/-/healthy") { _, _ in Self.text("ok\n") }
        router.read("/-/ready") { _, _ in
            metrics.lastReport == nil
                ? Self.text("not ready: no run has finished yet\n", status: .serviceUnavailable) : Self.text("ready\n")
        }
        router.read("/report.json") { _, _ in
            guard let report = metrics.lastReport else {
                return Self.text("no run has finished yet\n", status: .serviceUnavailable)
            }
            let json = (try? JSONRenderer().render(report)) ?? "{}"
            return Self.text(json, contentType: "application/json")
        }
        router.read("/probe") { request, context in await probe(request, context: context) }
        router.read("/") { _, _ in
            Self.text(
                "<html><body><h1>netready agent</h1><p><a href=\"/metrics\">/metrics</a> "
                    + "<a href=\"/report.json\">/report.json</a></p></body></html>\n",
                contentType: "text/html; charset=utf-8")
        }
        return router
    }

    private func probe(_ request: Request, context: AgentRequestContext) async -> Response {
        let values = request.uri.queryParameters[values: "target"].map(String.init)
        let names = targetNames()
        switch ProbeRequest(values: values, names: Set(names)) {
        case .refused(let why):
            let asked = values.first.map { String($0.prefix(ProbeRequest.maxLength)).debugDescription } ?? "none"
            logger.warning(
                "refused /probe: only the names of loaded targets are probed (a scan attempt?)",
                metadata: ["why": "\(why)", "client": "\(Self.client(context.remoteAddress))", "target": "\(asked)"])
            return Self.text(
                "400: \(why); /probe runs only a loaded target, by name: /probe?target=NAME\n", status: .badRequest)
        case .unknown(let name):
            return Self.unknown(name, names: names)
        case .target(let name):
            switch await probeTarget(name) {
            case .metrics(let text): return Self.text(text, contentType: Self.exposition)
            case .unknown: return Self.unknown(name, names: targetNames())
            case .busy: return Self.text("busy: too many on-demand probes running\n", status: .tooManyRequests)
            }
        }
    }

    static func client(_ address: SocketAddress?) -> String {
        guard let address, let ip = address.ipAddress else { return "unknown" }
        return "\(ip) port \(address.port ?? 0)"
    }

    private static func unknown(_ name: String, names: [String]) -> Response {
        text(
            "404: no loaded target is named \(name.debugDescription); targets:\n"
                + names.map { "  \($0)\n" }.joined(),
            status: .notFound)
    }

    static func text(
        _ body: String, status: HTTPResponse.Status = .ok, contentType: String = "text/plain; charset=utf-8"
    ) -> Response {
        Response(
            status: status, headers: [.contentType: contentType],
            body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}

extension Router {
    /// A route for GET and for HEAD (the middleware drops HEAD's body).
    func read(
        _ path: RouterPath, use handler: @escaping @Sendable (Request, Context) async throws -> some ResponseGenerator
    ) {
        get(path, use: handler)
        head(path, use: handler)
    }
}
