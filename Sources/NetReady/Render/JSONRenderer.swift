import Foundation

/// `--format json`: the report as SPEC.md pins it, keys sorted so reports diff cleanly.
package struct JSONRenderer: ReportRenderer {
    package init() {}

    package func render(_ report: Report) throws -> String {
        String(decoding: try Self.encoder(pretty: true).encode(report), as: UTF8.self) + "\n"
    }

    /// The encoder every JSON output uses: RFC 3339 times, sorted keys, unescaped slashes.
    static func encoder(pretty: Bool) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(RFC3339.string(from: date))
        }
        encoder.outputFormatting =
            pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The decoder for reports this tool wrote (`netready report`, `netready diff`).
    package static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = RFC3339.date(from: text) else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: "not an RFC 3339 time: \(text)"))
            }
            return date
        }
        return decoder
    }
}

/// RFC 3339 timestamps with milliseconds, in UTC.
enum RFC3339 {
    static func string(from date: Date) -> String {
        // Whole milliseconds, truncated as before; the formatter is given the middle of that
        // millisecond so a time read back from a report (X.533 parses to X.53299999...) prints
        // the same digits again: `netready report` re-encodes a saved report byte for byte.
        let milliseconds = ((date.timeIntervalSince1970 + 1e-6) * 1000).rounded(.down)
        let middle = Date(timeIntervalSince1970: (milliseconds + 0.5) / 1000)
        return middle.formatted(
            .iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: true)
                .timeSeparator(.colon).timeZone(separator: .omitted))
    }

    static func date(from text: String) -> Date? {
        if let date = try? Date(
            text,
            strategy: .iso8601.year().month().day().dateSeparator(.dash)
                .time(includingFractionalSeconds: true).timeSeparator(.colon).timeZone(separator: .omitted))
        {
            return date
        }
        return try? Date(text, strategy: .iso8601)
    }
}
