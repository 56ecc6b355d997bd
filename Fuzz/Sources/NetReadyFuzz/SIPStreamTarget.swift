import NetReadyWire

extension FuzzTarget {
    /// SIP over a stream (TCP/TLS): the input is cut into reads whose sizes come from its first
    /// bytes, so messages split across reads, several per read and keep-alive CRLFs all occur.
    static let sipStream = FuzzTarget(name: "sip-stream") { bytes in
        guard bytes.count > 2 else { return }
        let step = max(1, Int(bytes[0]) << 4 | Int(bytes[1] & 0x0F))
        var framer = SIPStreamFramer()
        var offset = 2
        reading: while offset < bytes.count {
            let end = min(bytes.count, offset + step)
            framer.append(bytes[offset..<end])
            offset = end
            while true {
                let next: [UInt8]?
                do { next = try framer.nextMessage() } catch { break reading }
                guard let message = next else { break }
                if let parsed = try? SIPMessage(parsing: message) { exerciseSIP(parsed) }
            }
        }
        if framer.hasPartialMessage, let parsed = try? SIPMessage(parsing: framer.takePartialMessage(),
            allowingShortBody: true) {
            exerciseSIP(parsed)
        }
    }
}
