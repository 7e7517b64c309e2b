public import AuthBridgeCore

/// A client-credentials OAuth client: its id, its secret and its region.
///
/// The secret is a `Secret`: it never prints, and only the token request reads it.
public struct GenesysCredentials: Sendable, CustomStringConvertible {
    /// The client and region, the broker's key.
    public var client: GenesysOAuthClient
    /// The client secret.
    public var clientSecret: Secret

    /// Creates credentials.
    /// - Parameters:
    ///   - clientID: The OAuth client id.
    ///   - clientSecret: The client secret.
    ///   - region: The region the client was created in.
    public init(clientID: String, clientSecret: Secret, region: GenesysRegion) {
        self.client = GenesysOAuthClient(id: clientID, region: region)
        self.clientSecret = clientSecret
    }

    /// `GenesysCredentials(<client id>@<region>, secret: <redacted>)`.
    public var description: String { "GenesysCredentials(\(self.client), secret: <redacted>)" }
}
