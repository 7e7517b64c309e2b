import AuthBridge
import Logging

extension AuthBridgeApplication {
    /// The bindings of Messenger's subjects to Zendesk sessions, when Genesys's data action may call the
    /// messaging-context route (`genesys.dataAction.*` with `oidc.*`); sealed in the mapping store.
    static func subjectBindings(for configuration: AuthBridgeConfiguration, stores: StoreBackend) -> SubjectBindings? {
        guard configuration.oidc != nil, configuration.genesys?.dataActionCredential != nil else { return nil }
        return SubjectBindings(
            store: stores.sessionMappingStore(),
            sealingKey: configuration.sealingKey,
            lifetime: configuration.subjectBindingLifetime
        )
    }

    /// Messenger's OpenID provider as `oidc.*` configures it, its codes and refresh tokens in `stores`,
    /// telling `subjectObserver` of refreshes; `nil` without it.
    /// - Throws: `JWTError` for a signing key that does not load.
    static func openIDProvider(
        for oidc: AuthBridgeConfiguration.OIDC?,
        stores: StoreBackend,
        subjectObserver: (any OpenIDSubjectObserver)?,
        logger: Logger
    ) throws -> OpenIDProvider? {
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
            subjectObserver: subjectObserver,
            logger: logger
        )
    }
}
