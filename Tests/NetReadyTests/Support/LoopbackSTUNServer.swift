import NetReadyPosix
import NetReadyWire

/// A scripted STUN server on 127.0.0.1 (UDP) for hostile-peer tests: each request is answered with whatever the
/// script returns for it, so tests can craft garbage, truncated messages, wrong transaction IDs and answers from
/// the wrong address.
final class LoopbackSTUNServer: Sendable {
    typealias Reply = LoopbackUDPServer.Reply

    /// Decides the datagrams sent back for the `index`-th request received.
    typealias Script = @Sendable (_ request: STUNMessage, _ from: SocketAddress, _ index: Int) -> [Reply]

    let address: SocketAddress
    private let server: LoopbackUDPServer
    private let received = QueryCounter()

    init(script: @escaping Script) throws {
        let received = received
        server = try LoopbackUDPServer { datagram in
            guard let request = try? STUNMessage(decoding: datagram.bytes) else { return [] }
            return script(request, datagram.from, received.next())
        }
        address = server.address
    }

    /// Requests received so far.
    var requests: Int { received.count }

    /// Stops the server without blocking the caller.
    func stop() { server.stop() }

    /// A valid Binding success for `request` naming `mapped` (the request's source), as coturn would send it.
    static func success(_ request: STUNMessage, mapped: SocketAddress, transactionID: [UInt8]? = nil) -> [UInt8] {
        let id = transactionID ?? request.transactionID
        let bytes = mapped.ip.split(separator: ".").compactMap { UInt8($0) }
        return STUNMessage(
            type: STUNMessage.bindingSuccess, transactionID: id,
            attributes: [
                .init(
                    type: STUNMessage.Attribute.xorMappedAddress,
                    value: STUNAddress(address: bytes, port: mapped.port).xorEncoded(transactionID: id))
            ]
        ).encoded()
    }
}
