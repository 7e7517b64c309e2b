// Messenger's OpenID provider beside the bridge: AuthBridgeOIDC's examples, compiled.
import AuthBridgeServer
import Hummingbird
import Logging

// snippet.hide
let logger = Logger(label: "snippet")
func mount(clientSecret: Secret, zendeskSigningSecret: Secret) throws {
    // snippet.show
    let provider = OpenIDProvider(
        configuration: .init(issuer: "https://auth.shop.example.com"),
        keyRing: try OpenIDKeyRing(
            current: .generate(for: .rs256, keyID: "2026-11"),
            next: .generate(for: .rs256, keyID: "2026-12")),
        clients: [
            OpenIDClient(
                id: "genesys-messenger", secret: clientSecret,
                redirectURIs: ["https://shop.example.com/chat/callback"])
        ],
        codeStore: InMemoryOneTimeCodeStore(),  // shared stores when you run replicas
        refreshTokenStore: InMemoryRefreshTokenStore(),
        logger: logger
    )
    let bridge = SessionBridge(
        validators: [
            .messagingJWT: try ZendeskMessagingJWTValidator(
                configuration: .init(
                    signingKeys: [ZendeskSigningKey(keyID: "app_64f0…", secret: zendeskSigningSecret)]))
        ],
        messenger: provider,
        logger: logger
    )
    let router = Router(context: AuthBridgeRequestContext.self)
    OpenIDRoutes(provider: provider).register(on: router)  // /.well-known/openid-configuration, /oidc/…
    BridgeRoutes(bridge: bridge).register(on: router)  // /authbridge/v1/session, …/session/end
    // snippet.hide
}

func issue(
    provider: OpenIDProvider, zendeskJWT: Secret, messagingValidator: ZendeskMessagingJWTValidator,
    genesysClientID: String, redirectURI: String, nonce: String, challenge: String
) async throws {
    // snippet.show
    // The page's getAuthCode → your code route:
    let grant = try await provider.issueCode(
        credential: zendeskJWT, validator: messagingValidator,
        request: AuthorizationCodeRequest(
            clientID: genesysClientID, redirectURI: redirectURI,
            nonce: nonce, codeChallenge: challenge))
    // Respond with grant.json: {authCode, redirectUri, nonce, codeVerifier?}
    // snippet.hide
    _ = grant
}
