/// The one rule for plain `http`: only to this machine. Every base URL, issuer, origin and Redis host
/// that may skip TLS asks here, so no two places disagree about what "loopback" means.
package enum LoopbackHost {
    /// Whether `host` (as a URL spells it, brackets allowed for IPv6) is this machine.
    package static func contains(_ host: String) -> Bool {
        let host = host.lowercased()
        return host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.") && host.split(separator: ".").count == 4
    }
}
