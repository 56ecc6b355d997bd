import Hummingbird
import NIOCore

/// The request context of the agent's routes: Hummingbird's basics plus the client's address,
/// which a refused `/probe` logs.
struct AgentRequestContext: RequestContext, RemoteAddressRequestContext {
    var coreContext: CoreRequestContextStorage
    let remoteAddress: SocketAddress?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }
}
