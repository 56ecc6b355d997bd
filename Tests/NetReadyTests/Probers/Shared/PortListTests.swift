import Testing

@testable import NetReady

@Suite(.timeLimit(.minutes(3))) struct PortListTests {
    @Test(arguments: [
        ([UInt16](), ""),
        ([80], "80"),
        ([80, 81, 82, 443], "80-82,443"),
        ([1, 3, 5], "1,3,5"),
        ([65534, 65535], "65534-65535"),
    ])
    func compress(ports: [UInt16], expected: String) {
        #expect(PortList.compress(ports) == expected)
    }
}
