import Foundation
import NetReadyTLS
import NetReadyWire
import Testing

/// The upgrade request, the response-head parser and the accept value of RFC 6455.
@Suite(.timeLimit(.minutes(3))) struct WebSocketUpgradeTests {
    @Test func acceptOfTheRFCSampleKey() {
        let digest = Digest.sha1(Array(("dGhlIHNhbXBsZSBub25jZQ==" + WebSocketUpgrade.acceptGUID).utf8))
        #expect(Data(digest).base64EncodedString() == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }

    @Test func requestCarriesTheUpgradeHeaders() {
        let request = WebSocketUpgrade.request(host: "h:8080", target: "/ws?a=1", key: "k")
        let text = String(decoding: request, as: UTF8.self)
        #expect(text.hasPrefix("GET /ws?a=1 HTTP/1.1\r\nHost: h:8080\r\n"))
        #expect(text.contains("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: k\r\n"))
        #expect(text.hasSuffix("\r\n\r\n"))
    }

    @Test func headIsFoundAndParsed() throws {
        let text = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nsec-websocket-accept:  x= \r\n\r\nrest"
        let bytes = Array(text.utf8)
        let length = try #require(WebSocketUpgrade.headLength(bytes))
        #expect(length == bytes.count - 4)
        let head = try #require(HTTPResponseHead(bytes[..<length]))
        #expect(head.status == 101)
        #expect(head.reasonPhrase == "Switching Protocols")
        #expect(head.header("Sec-WebSocket-Accept") == "x=")
        #expect(WebSocketUpgrade.headLength(Array("HTTP/1.1 200 OK\r\n".utf8)) == nil)
    }

    @Test(arguments: ["", "SSH-2.0-OpenSSH\r\n\r\n", "HTTP/1.1 99 x\r\n\r\n", "HTTP/1.1 200 OK\r\nno colon\r\n\r\n"])
    func garbageIsNotAHead(_ text: String) {
        #expect(HTTPResponseHead(Array(text.utf8)[...]) == nil)
    }
}
