import Foundation

extension ProbeURI {
    /// This URI, parsed with stand-ins for unset variables, shown as written: `raw` is `written` and every
    /// stand-in in the host, path and query reads `${NAME}` again, so that reports and `targets show` say
    /// `tcp://participant.connect.${AWS_REGION}.amazonaws.com:443` rather than a made-up host.
    func showingUnsetVariables(_ expansion: URIVariableExpansion, written: String) -> ProbeURI {
        ProbeURI(
            raw: written.trimmingCharacters(in: .whitespacesAndNewlines), kind: kind, host: expansion.masked(host),
            user: user, ports: ports, hasExplicitPort: hasExplicitPort, transport: transport,
            path: expansion.masked(path), query: query.mapValues(expansion.masked),
            rawQuery: rawQuery.map(expansion.masked))
    }
}
