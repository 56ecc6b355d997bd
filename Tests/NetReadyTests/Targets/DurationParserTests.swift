import Testing

@testable import NetReady

@Suite("DurationParser", .timeLimit(.minutes(3)))
struct DurationParserTests {
    static let good: [(String, Duration)] = [
        ("250ms", .milliseconds(250)), ("3s", .seconds(3)), ("1.5s", .milliseconds(1500)), ("1m", .seconds(60)),
        ("2m30s", .seconds(150)), ("1h", .seconds(3600)), ("1h30m", .seconds(5400)), ("100us", .microseconds(100)),
        ("100µs", .microseconds(100)), ("7ns", .nanoseconds(7)), ("0s", .zero), (" 3s ", .seconds(3)),
        ("0.25s", .milliseconds(250)), ("1.000000001s", .nanoseconds(1_000_000_001)), ("1m0.5s", .milliseconds(60500)),
    ]

    @Test("parses", arguments: good)
    func parses(_ text: String, _ expected: Duration) throws {
        #expect(try DurationParser.parse(text) == expected)
    }

    static let bad: [(String, String)] = [
        ("", "empty"), ("   ", "empty"), ("3", "has no unit"), ("1.5", "has no unit"), ("-3s", "negative"),
        ("3x", "is not a duration"), ("s", "is not a duration"), ("3 s", "is not a duration"),
        ("1.s", "is not a duration"), (".5s", "is not a duration"), ("1..5s", "is not a duration"),
        ("30s2m", "largest unit first"), ("1s1s", "largest unit first"), ("3sec", "is not a duration"),
        ("99999999999999h", "is not a duration"),
    ]

    @Test("rejects", arguments: bad)
    func rejects(_ text: String, _ says: String) {
        do {
            _ = try DurationParser.parse(text)
            Issue.record("expected '\(text)' to be rejected")
        } catch {
            #expect(error.description.contains(says), "\(error)")
            #expect(error.fix?.contains("write 3s or 250ms") == true || error.fix?.contains("2m30s") == true)
        }
    }

    static let formatted: [(Duration, String)] = [
        (.zero, "0s"), (.milliseconds(250), "250ms"), (.seconds(3), "3s"), (.milliseconds(1500), "1.5s"),
        (.seconds(60), "1m"), (.seconds(150), "2m30s"), (.seconds(3600), "1h"), (.microseconds(100), "100us"),
        (.nanoseconds(7), "7ns"), (.microseconds(1500), "1.5ms"), (.nanoseconds(1_000_000_001), "1.000000001s"),
        (.seconds(3661), "1h1m1s"),
    ]

    @Test("formats", arguments: formatted)
    func formats(_ duration: Duration, _ expected: String) throws {
        #expect(formatDuration(duration) == expected)
        #expect(try DurationParser.parse(expected) == duration)
    }

    @Test func roundTripsAcrossMagnitudes() throws {
        var nanoseconds: Int64 = 1
        while nanoseconds < 10_000_000_000_000 {
            for value in [nanoseconds, nanoseconds * 3 + 1, nanoseconds * 7] {
                let duration = Duration.nanoseconds(value)
                #expect(try DurationParser.parse(formatDuration(duration)) == duration)
            }
            nanoseconds *= 10
        }
    }
}
