import Foundation

/// Zendesk's timestamps: ISO 8601, with or without fractional seconds (Chat history has microseconds).
enum ZendeskTime {
    /// Seconds since the Unix epoch, or `nil` when `text` is not ISO 8601.
    static func parse(_ text: String) -> Double? {
        let withFraction = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        if let date = try? withFraction.parse(text) { return date.timeIntervalSince1970 }
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date.timeIntervalSince1970 }
        return nil
    }
}
