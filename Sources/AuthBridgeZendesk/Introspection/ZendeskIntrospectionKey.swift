import AuthBridgeCore

/// The broker key for one customer OAuth token: identified by a keyed hash of the token, carrying the
/// token itself only so the introspector can send it.
///
/// Equality and hashing use the digest alone; the description shows a digest prefix, never the token.
struct ZendeskIntrospectionKey: Hashable, Sendable, CustomStringConvertible {
    let digest: String
    let token: Secret

    static func == (lhs: ZendeskIntrospectionKey, rhs: ZendeskIntrospectionKey) -> Bool {
        lhs.digest == rhs.digest
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(self.digest)
    }

    var description: String { "oauth-token#\(self.digest.prefix(12))" }
}
