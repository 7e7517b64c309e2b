/// A Zendesk account's subdomain (`acme` in `acme.zendesk.com`), checked against Zendesk's grammar before
/// any URL is built from it.
///
/// 3–63 characters; a lowercase ASCII letter first; then lowercase letters, digits and dashes; no
/// trailing dash. Uppercase input is refused rather than folded, so a typo in configuration is visible.
public struct ZendeskSubdomain: Hashable, Sendable, CustomStringConvertible {
    /// The subdomain.
    public let name: String

    /// Checks and wraps `name`.
    /// - Parameter name: The subdomain, for example `acme`.
    /// - Throws: ``ZendeskError/Code-swift.struct/invalidSubdomain`` when it breaks the grammar.
    public init(_ name: String) throws(ZendeskError) {
        let bytes = Array(name.utf8)
        guard (3...63).contains(bytes.count) else {
            throw ZendeskError(.invalidSubdomain, "a subdomain has 3 to 63 characters, this one has \(bytes.count)")
        }
        guard let first = bytes.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first) else {
            throw ZendeskError(.invalidSubdomain, "a subdomain starts with a lowercase letter")
        }
        for byte in bytes {
            let allowed =
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
            guard allowed else {
                throw ZendeskError(.invalidSubdomain, "a subdomain holds only lowercase letters, digits and dashes")
            }
        }
        guard bytes.last != UInt8(ascii: "-") else {
            throw ZendeskError(.invalidSubdomain, "a subdomain does not end with a dash")
        }
        self.name = name
    }

    /// The account's HTTPS base URL, `https://<name>.zendesk.com`.
    public var baseURL: ZendeskBaseURL {
        ZendeskBaseURL(verified: "https://\(self.name).zendesk.com")
    }

    /// The subdomain itself.
    public var description: String { self.name }
}
