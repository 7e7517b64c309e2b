/// One Genesys Cloud OAuth client in one region: the key the `TokenBroker` caches service tokens by.
///
/// Its description (`<client id>@<region>`) appears in logs and errors; it never holds the secret, which
/// stays with the ``GenesysTokenProvider``.
public struct GenesysOAuthClient: Hashable, Sendable, CustomStringConvertible {
    /// The OAuth client id (a UUID in Genesys Cloud). Not a secret.
    public var id: String
    /// The region the client belongs to; its tokens work only there.
    public var region: GenesysRegion

    /// Creates a key.
    /// - Parameters:
    ///   - id: The OAuth client id.
    ///   - region: The client's region.
    public init(id: String, region: GenesysRegion) {
        self.id = id
        self.region = region
    }

    /// `<client id>@<region>`.
    public var description: String { "\(self.id)@\(self.region)" }
}
