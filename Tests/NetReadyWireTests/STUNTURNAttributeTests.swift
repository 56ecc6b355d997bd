import Testing

@testable import NetReadyWire

/// Message types and the TURN / RFC 5780 attributes: each built, encoded, decoded and read back.
@Suite(.timeLimit(.minutes(3))) struct STUNTURNAttributeTests {
    @Test func messageTypesFollowTheRFCBitLayout() {
        #expect(STUNMessage.messageType(.binding, .request) == 0x0001)
        #expect(STUNMessage.messageType(.binding, .successResponse) == 0x0101)
        #expect(STUNMessage.messageType(.binding, .errorResponse) == 0x0111)
        #expect(STUNMessage.messageType(.allocate, .request) == 0x0003)
        #expect(STUNMessage.messageType(.allocate, .successResponse) == 0x0103)
        #expect(STUNMessage.messageType(.allocate, .errorResponse) == 0x0113)
        #expect(STUNMessage.messageType(.refresh, .request) == 0x0004)
        #expect(STUNMessage.messageType(.send, .indication) == 0x0016)
        #expect(STUNMessage.messageType(.data, .indication) == 0x0017)
        #expect(STUNMessage.messageType(.createPermission, .successResponse) == 0x0108)
        #expect(STUNMessage.messageType(.channelBind, .request) == 0x0009)
        #expect(STUNMessage.bindingSuccess == STUNMessage.messageType(.binding, .successResponse))
    }

    @Test func methodAndClassRoundTripForEveryCombination() {
        for raw in [0x001, 0x003, 0x004, 0x006, 0x007, 0x008, 0x009, 0xABC, 0xFFF] as [UInt16] {
            for messageClass in STUNClass.allCases {
                let message = STUNMessage(STUNMethod(rawValue: raw), messageClass)
                #expect(message.method.rawValue == raw)
                #expect(message.messageClass == messageClass)
                #expect(message.transactionID.count == 12)
            }
        }
        #expect(STUNMethod.createPermission.description == "CreatePermission")
    }

    @Test func allocateRequestAttributesRoundTrip() throws {
        let request = STUNMessage(
            .allocate, .request,
            attributes: [
                .requestedTransport(), .lifetime(seconds: 600), .username("probe"), .realm("lab.netready.test"),
                .nonce("abc"), .software("netready"),
            ])
        let key = STUNCredentials.longTermKey(username: "probe", realm: "lab.netready.test", password: "labsecret")
        let bytes = request.encoded(integrityKey: key, fingerprint: true)
        let decoded = try STUNMessage(decoding: bytes)
        #expect(try decoded.requestedTransport == 17)
        #expect(try decoded.lifetimeSeconds == 600)
        #expect(decoded.username == "probe")
        #expect(decoded.realm == "lab.netready.test")
        #expect(decoded.nonce == "abc")
        #expect(decoded.software == "netready")
        #expect(STUNMessage.hasValidIntegrity(bytes, key: key))
        #expect(decoded.transactionID == request.transactionID)
    }

    @Test func addressAttributesRoundTrip() throws {
        let v4 = STUNAddress(address: [198, 18, 0, 2], port: 49152)
        let v6 = STUNAddress(address: [0xFD, 0x77] + [UInt8](repeating: 0, count: 13) + [2], port: 3478)
        var message = STUNMessage(.allocate, .successResponse)
        let id = message.transactionID
        message.attributes = [
            .xorAddress(STUNMessage.Attribute.xorRelayedAddress, v4, transactionID: id),
            .xorAddress(STUNMessage.Attribute.xorMappedAddress, v6, transactionID: id),
            .xorAddress(STUNMessage.Attribute.xorPeerAddress, v4, transactionID: id),
            .plainAddress(STUNMessage.Attribute.mappedAddress, v4),
            .plainAddress(STUNMessage.Attribute.otherAddress, v6),
            .plainAddress(STUNMessage.Attribute.responseOrigin, v4),
        ]
        let decoded = try STUNMessage(decoding: message.encoded())
        #expect(try decoded.xorRelayedAddress == v4)
        #expect(try decoded.xorMappedAddress == v6)
        #expect(try decoded.xorPeerAddress == v4)
        #expect(try decoded.mappedAddress == v4)
        #expect(try decoded.otherAddress == v6)
        #expect(try decoded.responseOrigin == v4)
        #expect(v4.endpointText == "198.18.0.2:49152")
        #expect(v6.endpointText == "[fd77::2]:3478")
        // The plain encoding really is in clear: the port bytes are the port.
        #expect(v4.plainEncoded() == [0, 1, 0xC0, 0x00, 198, 18, 0, 2])
    }

    @Test func errorCodeRoundTripAndBounds() throws {
        let error = STUNErrorCode(code: 438, reason: "Stale Nonce")
        #expect(error.encoded().prefix(4) == [0, 0, 4, 38])
        let message = STUNMessage(.allocate, .errorResponse, attributes: [.errorCode(error)])
        #expect(try STUNMessage(decoding: message.encoded()).errorCode == error)
        #expect(throws: WireError.self) { try STUNErrorCode(decoding: [0, 0, 7, 0]) }
        #expect(throws: WireError.self) { try STUNErrorCode(decoding: [0, 0, 4, 100]) }
        #expect(throws: WireError.self) { try STUNErrorCode(decoding: [0, 0, 4]) }
    }

    @Test func changeRequestFlags() throws {
        for (ip, port) in [(false, false), (true, false), (false, true), (true, true)] {
            let request = STUNChangeRequest(changeIP: ip, changePort: port)
            let message = STUNMessage(.binding, .request, attributes: [.changeRequest(request)])
            #expect(try STUNMessage(decoding: message.encoded()).changeRequest == request)
        }
        #expect(STUNChangeRequest(changeIP: true, changePort: true).encoded() == [0, 0, 0, 6])
    }

    @Test func sendIndicationCarriesPeerAndData() throws {
        var indication = STUNMessage(.send, .indication)
        let peer = STUNAddress(address: [198, 18, 0, 11], port: 40000)
        indication.attributes = [
            .xorAddress(STUNMessage.Attribute.xorPeerAddress, peer, transactionID: indication.transactionID),
            .data([1, 2, 3, 4, 5]),
        ]
        let decoded = try STUNMessage(decoding: indication.encoded())
        #expect(decoded.messageClass == .indication)
        #expect(decoded.method == .send)
        #expect(try decoded.xorPeerAddress == peer)
        #expect(decoded.data == [1, 2, 3, 4, 5])
    }

    @Test func malformedTypedValuesThrow() throws {
        let message = STUNMessage(
            type: STUNMessage.bindingSuccess, transactionID: [UInt8](repeating: 1, count: 12),
            attributes: [
                .init(type: STUNMessage.Attribute.lifetime, value: [0, 1]),
                .init(type: STUNMessage.Attribute.xorRelayedAddress, value: [0, 3, 0, 0, 1, 2, 3, 4]),
                .init(type: STUNMessage.Attribute.otherAddress, value: [0, 1, 0, 0, 1, 2, 3]),
                .init(type: STUNMessage.Attribute.requestedTransport, value: [17]),
                .init(type: STUNMessage.Attribute.changeRequest, value: [0, 0, 0, 0, 0]),
                .init(type: STUNMessage.Attribute.realm, value: [0xFF, 0xFE]),
            ])
        let decoded = try STUNMessage(decoding: message.encoded())
        #expect(throws: WireError.self) { try decoded.lifetimeSeconds }
        #expect(throws: WireError.self) { try decoded.xorRelayedAddress }
        #expect(throws: WireError.self) { try decoded.otherAddress }
        #expect(throws: WireError.self) { try decoded.requestedTransport }
        #expect(throws: WireError.self) { try decoded.changeRequest }
        #expect(decoded.realm == "\u{FFFD}\u{FFFD}")  // invalid UTF-8 is replaced, not a trap
        #expect(try decoded.xorMappedAddress == nil)
    }
}
