/// What the page's code route passes to ``OpenIDProvider/issueCode(for:request:)``, besides the
/// validated Zendesk session.
public struct AuthorizationCodeRequest: Sendable, Hashable {
    /// The registered client id (the Genesys integration's).
    public var clientID: String
    /// The redirect URI, which must equal a registered one exactly and is passed back unchanged.
    public var redirectURI: String
    /// The nonce Messenger will expect in the ID token.
    public var nonce: String?
    /// The PKCE challenge (`S256`). `nil` asks the server to hold the PKCE pair: it makes a verifier and
    /// returns it in ``AuthorizationCodeGrant/codeVerifier``.
    public var codeChallenge: String?
    /// The PKCE method; only `S256` is accepted.
    public var codeChallengeMethod: String
    /// Space-separated scopes; must include `openid`.
    public var scope: String

    /// A request.
    public init(
        clientID: String,
        redirectURI: String,
        nonce: String? = nil,
        codeChallenge: String? = nil,
        codeChallengeMethod: String = "S256",
        scope: String = "openid email profile offline_access"
    ) {
        self.clientID = clientID
        self.redirectURI = redirectURI
        self.nonce = nonce
        self.codeChallenge = codeChallenge
        self.codeChallengeMethod = codeChallengeMethod
        self.scope = scope
    }
}
