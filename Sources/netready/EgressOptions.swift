import ArgumentParser
import NetReady

/// `check`'s egress flags: where to learn the egress address from, and the allow-list it must fall in.
struct EgressOptions: ParsableArguments {
    @Option(
        name: .customLong("egress-server"),
        help: """
            Learn the egress address from this server (repeatable): an http(s):// echo URL, \
            dns:NAME?type=TXT&server=HOST, or stun:HOST. Added to the target files' egress: servers.
            """)
    var servers: [String] = []

    @Option(
        name: .customLong("expect-egress"),
        help: "Every egress address must be inside this CIDR (repeatable; added to the files' egress: expect).")
    var expect: [String] = []

    @Option(
        name: .customLong("egress-connections"), help: "Fresh connections per egress server and family (default 10).")
    var connections: Int = EgressDiscovery.defaultConnections

    func validate() throws {
        try EgressArguments.validate(
            servers: servers, expect: expect, connections: connections, flag: "--egress-server")
    }

    /// The egress part of a run: these flags plus the files' `egress:` sections.
    func egressRun(files: [TargetFile]) throws -> EgressRun {
        try EgressArguments.run(servers: servers, expect: expect, connections: connections, files: files)
    }
}

/// Checks and combines egress servers and allow-lists from flags and target files (for `check` and `egress`).
enum EgressArguments {
    /// Throws a usage error naming the first bad server URI, CIDR or count.
    static func validate(servers: [String], expect: [String], connections: Int, flag: String) throws {
        guard (1...1000).contains(connections) else {
            throw ValidationError("the number of egress connections must be between 1 and 1000, got \(connections)")
        }
        for server in servers {
            do {
                let uri = try ProbeURI(parsing: server)
                if let problem = EgressDiscovery.serverProblem(uri) { throw ValidationError("\(flag): \(problem)") }
            } catch let error as ProbeURIError {
                let shown = ProbeURI.withoutCredentials(server)
                throw ValidationError("\(flag) '\(shown)': \(error.message)" + (error.fix.map { " (\($0))" } ?? ""))
            }
        }
        do {
            _ = try EgressAllowList(expect)
        } catch {
            throw ValidationError("--expect-egress: \(error)")
        }
    }

    /// Flags first, then each file's `egress:` section; duplicates dropped.
    static func run(servers: [String], expect: [String], connections: Int, files: [TargetFile]) throws -> EgressRun {
        var uris: [ProbeURI] = []
        for text in servers + files.flatMap(\.egressServers) {
            let uri = try ProbeURI(parsing: text)
            if !uris.contains(uri) { uris.append(uri) }
        }
        let allowList: EgressAllowList
        do {
            allowList = try EgressAllowList(expect + files.flatMap(\.egressExpect))
        } catch {
            throw CommandFailure.usage("netready: \(error)")
        }
        return EgressRun(discovery: EgressDiscovery(servers: uris, connections: connections), allowList: allowList)
    }
}
