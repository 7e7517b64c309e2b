public import AuthBridgeCore
import AuthBridgeJWT

extension AuthBridgeConfiguration {
    /// Messenger's OpenID provider.
    ///
    /// | key | meaning |
    /// |---|---|
    /// | `oidc.issuer` | the public https URL Genesys reaches |
    /// | `oidc.client.id`, `oidc.client.secret`, `oidc.redirectUris` | Genesys's OpenID integration (secret: 32+ bytes) |
    /// | `oidc.signingKey`, `oidc.signingKeyId`, `oidc.nextSigningKey`, `oidc.nextSigningKeyId` | the current and next signing keys (PKCS#8 PEM) and their kids |
    /// | `oidc.algorithm` | an asymmetric JWS algorithm; default RS256 |
    public struct OIDC: Sendable {
        /// The issuer (the public https URL Genesys reaches).
        public var issuer: String
        /// The client id Genesys's integration uses.
        public var clientID: String
        /// Its secret.
        public var clientSecret: Secret
        /// The redirect URIs the page may name.
        public var redirectURIs: [String]
        /// The current signing key (PKCS#8 PEM) and its kid.
        public var signingKey: (id: String, pem: Secret)
        /// The next signing key, published ahead of rotation.
        public var nextSigningKey: (id: String, pem: Secret)
        /// The signing algorithm; default RS256.
        public var algorithm: String

        /// Creates the section.
        /// - Parameters:
        ///   - issuer: The issuer URL, without a trailing `/`.
        ///   - clientID: Genesys's client id.
        ///   - clientSecret: Its secret.
        ///   - redirectURIs: The redirect URIs the page may name.
        ///   - signingKey: The current key and its kid.
        ///   - nextSigningKey: The next key and its kid.
        ///   - algorithm: Default RS256.
        public init(
            issuer: String,
            clientID: String,
            clientSecret: Secret,
            redirectURIs: [String],
            signingKey: (id: String, pem: Secret),
            nextSigningKey: (id: String, pem: Secret),
            algorithm: String = "RS256"
        ) {
            self.issuer = issuer
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.redirectURIs = redirectURIs
            self.signingKey = signingKey
            self.nextSigningKey = nextSigningKey
            self.algorithm = algorithm
        }
    }
}

extension AuthBridgeConfiguration.OIDC {
    /// Reads the `oidc.*` keys, recording every problem in `read`; `nil` without `oidc.issuer`.
    package init?(reading read: inout ConfigurationReading) {
        guard let issuer = read.string("oidc.issuer") else { return nil }
        if let problem = ConfigurationReading.urlProblem(issuer) { read.problem("oidc.issuer", problem) }
        let clientID = read.string("oidc.client.id")
        if clientID == nil { read.problem("oidc.client.id", "is required") }
        let secret = read.secret("oidc.client.secret", minimumBytes: 32)
        if secret == nil, !read.hasProblem("oidc.client.secret") {
            read.problem("oidc.client.secret", "is required (32 bytes or more, shared with Genesys's integration)")
        }
        let redirects = read.strings("oidc.redirectUris")
        if redirects.isEmpty { read.problem("oidc.redirectUris", "needs at least one redirect URI") }
        for uri in redirects {
            if let problem = ConfigurationReading.urlProblem(uri) { read.problem("oidc.redirectUris", "\(uri.prefix(100)) \(problem)") }
        }
        let algorithmName = read.string("oidc.algorithm") ?? "RS256"
        let algorithm = JWSAlgorithm(name: algorithmName)
        if algorithm == nil || [JWSAlgorithm.hs256, .hs384, .hs512].contains(where: { $0 == algorithm }) {
            read.problem("oidc.algorithm", "must be an asymmetric JWS algorithm such as RS256 or ES256")
        }
        let current = Self.signingKey(&read, "oidc.signingKey", idKey: "oidc.signingKeyId", algorithm: algorithm)
        let next = Self.signingKey(&read, "oidc.nextSigningKey", idKey: "oidc.nextSigningKeyId", algorithm: algorithm)
        if let current, let next, current.id == next.id { read.problem("oidc.nextSigningKeyId", "must differ from oidc.signingKeyId") }
        guard let clientID, let secret, let current, let next else { return nil }
        self.init(
            issuer: issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer,
            clientID: clientID,
            clientSecret: secret,
            redirectURIs: redirects,
            signingKey: current,
            nextSigningKey: next,
            algorithm: algorithmName
        )
    }

    private static func signingKey(
        _ read: inout ConfigurationReading,
        _ key: String,
        idKey: String,
        algorithm: JWSAlgorithm?
    ) -> (id: String, pem: Secret)? {
        guard let pem = read.secret(key, minimumBytes: 1) else {
            read.problem(key, "is required (a PKCS#8 PEM private key; `authbridge keys generate` makes one)")
            return nil
        }
        guard let id = read.string(idKey) else {
            read.problem(idKey, "is required (the kid the key is published under)")
            return nil
        }
        if let algorithm {
            do {
                let parsed = try JWTKey(pem: pem.revealed, algorithm: algorithm, keyID: id)
                guard parsed.isPrivate else {
                    read.problem(key, "is a public key; the provider signs, so it needs the private key")
                    return nil
                }
            } catch {
                read.problem(key, "is not a \(algorithm) private key in PEM (\(error.code))")
                return nil
            }
        }
        return (id, pem)
    }
}
