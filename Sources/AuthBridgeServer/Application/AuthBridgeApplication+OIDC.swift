import AuthBridge
import Logging

extension AuthBridgeApplication {
    /// Messenger's OpenID provider as `oidc.*` configures it, its codes and refresh tokens in `stores`;
    /// `nil` without it.
    /// - Throws: `JWTError` for a signing key that does not load.
    static func openIDProvider(for oidc: AuthBridgeConfiguration.OIDC?, stores: StoreBackend, logger: Logger) throws -> OpenIDProvider? {
        guard let oidc else { return nil }
        let algorithm = JWSAlgorithm(name: oidc.algorithm) ?? .rs256
        return OpenIDProvider(
            configuration: .init(issuer: oidc.issuer),
            keyRing: try OpenIDKeyRing(
                current: JWTKey(pem: oidc.signingKey.pem.revealed, algorithm: algorithm, keyID: oidc.signingKey.id),
                next: JWTKey(pem: oidc.nextSigningKey.pem.revealed, algorithm: algorithm, keyID: oidc.nextSigningKey.id)
            ),
            clients: [OpenIDClient(id: oidc.clientID, secret: oidc.clientSecret, redirectURIs: Set(oidc.redirectURIs))],
            codeStore: stores.oneTimeCodeStore(),
            refreshTokenStore: stores.refreshTokenStore(),
            logger: logger
        )
    }
}
