/// What a media stream measured: loss, bursts, reordering, RFC 3550 jitter, and an E-model MOS.
package struct MediaQuality: Sendable, Equatable {
    var sent: Int
    var received: Int
    var duplicates: Int
    var reordered: Int
    var lostBursts: Int
    var longestBurst: Int
    /// RFC 3550 interarrival jitter of the echoed stream, in milliseconds.
    var jitterMilliseconds: Double
    var roundTrip: LatencySummary?
    /// The first lost packets' indexes (at most 20), to tell a lost tail from bursts mid-stream.
    var firstLost: [Int]

    var lost: Int { sent - received }
    var lossPercent: Double { sent == 0 ? 0 : Double(lost) * 100 / Double(sent) }

    /// Computes the figures from what was sent and what came back.
    ///
    /// - Parameters:
    ///   - sent: send instants by sequence number (0-based, in order).
    ///   - arrivals: (sequence, arrival instant) in the order the packets arrived.
    init(sent: [ContinuousClock.Instant], arrivals: [(sequence: Int, at: ContinuousClock.Instant)]) {
        self.sent = sent.count
        var seen = Set<Int>()
        var duplicates = 0
        var reordered = 0
        var highest = -1
        var jitter = 0.0
        var previousTransit: Double?
        var roundTrips: [Duration] = []
        for arrival in arrivals where arrival.sequence >= 0 && arrival.sequence < sent.count {
            guard seen.insert(arrival.sequence).inserted else {
                duplicates += 1
                continue
            }
            if arrival.sequence < highest { reordered += 1 }
            highest = max(highest, arrival.sequence)
            let transit = arrival.at - sent[arrival.sequence]
            roundTrips.append(transit)
            // RFC 3550 6.4.1: J += (|D(i-1,i)| - J) / 16, with D the change in transit time.
            let transitMilliseconds = transit.milliseconds
            if let previous = previousTransit { jitter += (abs(transitMilliseconds - previous) - jitter) / 16 }
            previousTransit = transitMilliseconds
        }
        var bursts = 0
        var longest = 0
        var run = 0
        var firstLost: [Int] = []
        for sequence in 0..<sent.count {
            if seen.contains(sequence) {
                run = 0
            } else {
                if firstLost.count < 20 { firstLost.append(sequence) }
                if run == 0 { bursts += 1 }
                run += 1
                longest = max(longest, run)
            }
        }
        self.firstLost = firstLost
        self.received = seen.count
        self.duplicates = duplicates
        self.reordered = reordered
        self.lostBursts = bursts
        self.longestBurst = longest
        self.jitterMilliseconds = LatencySummary.rounded(jitter)
        self.roundTrip = LatencySummary(durations: roundTrips)
    }

    /// The E-model rating factor R (ITU-T G.107, simplified for G.711 with packet-loss concealment).
    ///
    /// One-way delay is half the median round trip plus a jitter buffer of twice the jitter and
    /// 10 ms of packetisation; Id = 0.024·Ta + 0.11·(Ta − 177.3) above 177.3 ms; Ie,eff with Ie = 0
    /// and Bpl = 25.1 (ITU-T G.113 Appendix I, G.711 with PLC) for random loss.
    var rFactor: Double {
        let oneWay = (roundTrip?.p50 ?? 0) / 2 + 2 * jitterMilliseconds + 10
        let delayImpairment = 0.024 * oneWay + (oneWay > 177.3 ? 0.11 * (oneWay - 177.3) : 0)
        let loss = lossPercent
        let equipmentImpairment = 0 + (95 - 0) * loss / (loss + 25.1)
        return 93.2 - delayImpairment - equipmentImpairment
    }

    /// Mean opinion score from R (G.107 Annex B): 1 to 4.5.
    var mos: Double {
        let r = rFactor
        if r <= 0 { return 1 }
        if r >= 100 { return 4.5 }
        let value = 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6
        return (value * 100).rounded() / 100
    }
}
