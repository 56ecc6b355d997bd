import NetReadyWire
import Testing

/// The request line `netready serve` reads: complete, incomplete and malformed heads.
@Suite(.timeLimit(.minutes(3))) struct HTTPRequestHeadTests {
    @Test func parsesAPrometheusScrape() throws {
        let bytes = Array("GET /metrics?x=1 HTTP/1.1\r\nHost: a\r\nAccept: text/plain\r\n\r\n".utf8)
        let head = try #require(try HTTPRequestHead.parse(bytes))
        #expect(head == HTTPRequestHead(method: "GET", path: "/metrics", query: "x=1", version: "HTTP/1.1"))
    }

    @Test func incompleteHeadAsksForMore() throws {
        #expect(try HTTPRequestHead.parse(Array("GET /metrics HTTP/1.1\r\nHost: a\r\n".utf8)) == nil)
        #expect(try HTTPRequestHead.parse([]) == nil)
    }

    @Test func malformedRequestLinesAreErrorsNotTraps() {
        for text in [
            "\r\n\r\n", "GET\r\n\r\n", "GET metrics HTTP/1.1\r\n\r\n", "GET /m SSH-2.0\r\n\r\n", "\u{0}\u{1}\r\n\r\n",
        ] {
            #expect(throws: WireError.self) { try HTTPRequestHead.parse(Array(text.utf8)) }
        }
    }
}
