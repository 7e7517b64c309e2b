public import AuthBridgeCore
public import AuthBridgeJWT
public import Logging

/// AuthBridge as the OpenID Connect provider Genesys Messenger signs customers in through, with a
/// verified Zendesk session as the login.
///
/// The provider is HTTP-free: it takes what a server received and returns ``OIDCResponse`` values to
/// write as they are, so any HTTP front can mount it.
///
/// 1. The page's AuthProvider plugin asks your code route for a code; the route validates the Zendesk
///    credential with a `SessionValidator` and calls ``issueCode(for:request:)``, which returns exactly
///    what `getAuthCode` resolves with.
/// 2. Genesys's backend redeems the code at ``tokenEndpoint(_:)`` with the integration's client id and
///    secret and the PKCE verifier, and gets an ID token signed by the ``OpenIDKeyRing``'s current key.
/// 3. Later it refreshes there; every refresh rotates the refresh token and re-checks the Zendesk
///    session with the ``SessionStatusChecker``.
///
/// Codes and refresh tokens are 256-bit random values that the stores only ever see hashed; codes are
/// single-use, and a second redemption revokes what the first issued; a reused refresh token revokes its
/// family. Nothing secret is logged.
public final class OpenIDProvider: Sendable {
    /// The provider's configuration.
    public let configuration: Configuration
    /// The signing keys.
    public let keyRing: OpenIDKeyRing
    let clients: [String: OpenIDClient]
    let codeStore: any OneTimeCodeStore
    let refreshTokenStore: any RefreshTokenStore
    let sessionStatus: any SessionStatusChecker
    let subjectObserver: (any OpenIDSubjectObserver)?
    let clock: JWTClock
    let logger: Logger

    /// A provider.
    /// - Parameters:
    ///   - configuration: Issuer, endpoint paths and lifetimes.
    ///   - keyRing: The signing keys.
    ///   - clients: The registered clients (for Genesys, the Messenger integration's client).
    ///   - codeStore: Where codes wait to be redeemed (in memory, or shared across replicas).
    ///   - refreshTokenStore: Where refresh-token families live.
    ///   - sessionStatus: Re-checks the Zendesk session at every refresh.
    ///   - subjectObserver: Told of every refresh, so what is kept per subject lives as long as the sign-in; default none.
    ///   - clock: Wall-clock seconds for token times.
    ///   - logger: Where the provider logs; never a code, token or secret.
    public init(
        configuration: Configuration,
        keyRing: OpenIDKeyRing,
        clients: [OpenIDClient],
        codeStore: any OneTimeCodeStore,
        refreshTokenStore: any RefreshTokenStore,
        sessionStatus: any SessionStatusChecker = SessionExpiryChecker(),
        subjectObserver: (any OpenIDSubjectObserver)? = nil,
        clock: JWTClock = .system,
        logger: Logger
    ) {
        self.configuration = configuration
        self.keyRing = keyRing
        self.clients = Dictionary(clients.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.codeStore = codeStore
        self.refreshTokenStore = refreshTokenStore
        self.sessionStatus = sessionStatus
        self.subjectObserver = subjectObserver
        self.clock = clock
        self.logger = logger
    }

    /// Revokes every refresh-token family of a customer (for example when their Zendesk session ends):
    /// Genesys's next refresh fails and Messenger asks the page to sign in again.
    @discardableResult
    public func revokeSessions(ofSubject subject: String) async throws(OIDCError) -> Int {
        do {
            return try await self.refreshTokenStore.revokeFamilies(ofSubject: subject)
        } catch {
            throw OIDCError(.temporarilyUnavailable, "the refresh-token store failed")
        }
    }

    static let supportedScopes = ["openid", "email", "profile", "offline_access"]
}
