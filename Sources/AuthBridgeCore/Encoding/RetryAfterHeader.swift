/// The `Retry-After` header as Zendesk and Genesys send it: delta-seconds. The HTTP-date form neither
/// uses is ignored, and a value is capped at a day so a hostile peer cannot park a retry forever.
package enum RetryAfterHeader {
    package static func duration(_ value: String?) -> Duration? {
        guard let value else { return nil }
        let trimmed = value.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()
        guard let seconds = Int(String(trimmed)), seconds >= 0 else { return nil }
        return .seconds(min(seconds, 86_400))
    }
}
