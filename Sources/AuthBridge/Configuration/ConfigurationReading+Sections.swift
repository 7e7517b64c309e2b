import AuthBridgeCore
import AuthBridgeGenesys
import AuthBridgeJWT
import AuthBridgeZendesk

extension ConfigurationReading {
    mutating func zendesk() -> AuthBridgeConfiguration.Zendesk {
        var baseURL: ZendeskBaseURL?
        if let url = self.string("zendesk.baseURL") {
            do { baseURL = try ZendeskBaseURL(overriding: url) } catch { self.problem("zendesk.baseURL", "is not a usable Zendesk URL") }
        } else if let name = self.string("zendesk.subdomain") {
            do { baseURL = ZendeskBaseURL(subdomain: try ZendeskSubdomain(name)) } catch { self.problem("zendesk.subdomain", "is not a Zendesk subdomain (letters, digits, hyphens)") }
        }
        var messagingKey: ZendeskSigningKey?
        let keyID = self.string("zendesk.messaging.keyId")
        if let secret = self.secret("zendesk.messaging.secret", minimumBytes: 32) {
            if Self.looksLikeAPIToken(secret) {
                self.problem("zendesk.messaging.secret", "looks like a Zendesk API token (40 letters and digits), not a Messaging JWT signing secret")
            } else if let keyID {
                messagingKey = ZendeskSigningKey(keyID: keyID, secret: secret)
            } else {
                self.problem("zendesk.messaging.keyId", "is required with zendesk.messaging.secret (the key's id, app_…)")
            }
        } else if keyID != nil {
            self.problem("zendesk.messaging.secret", "is required with zendesk.messaging.keyId")
        }
        let chat = self.secret("zendesk.chat.sharedSecret", minimumBytes: 16)
        let sso = self.secret("zendesk.sso.sharedSecret", minimumBytes: 16)
        let oauth = self.bool("zendesk.oauth.enabled")
        if oauth, baseURL == nil { self.problem("zendesk.oauth.enabled", "needs zendesk.subdomain or zendesk.baseURL to introspect tokens") }
        var scopes = Set(self.strings("zendesk.oauth.requiredScopes"))
        if scopes.isEmpty { scopes = ["read"] }
        var history: (id: String, secret: Secret)?
        if let id = self.string("zendesk.client.id") {
            if let secret = self.secret("zendesk.client.secret", minimumBytes: 8) {
                history = (id, secret)
                if baseURL == nil { self.problem("zendesk.client.id", "needs zendesk.subdomain or zendesk.baseURL to read history") }
            } else {
                self.problem("zendesk.client.secret", "is required with zendesk.client.id")
            }
        }
        return .init(
            baseURL: baseURL,
            messagingKey: messagingKey,
            chatSharedSecret: chat,
            ssoSharedSecret: sso,
            acceptsOAuthTokens: oauth,
            requiredScopes: scopes,
            historyClient: history
        )
    }

    mutating func genesys() -> AuthBridgeConfiguration.Genesys? {
        let any = ["genesys.region", "genesys.baseURL", "genesys.client.id"].contains { self.string($0) != nil }
        guard any else { return nil }
        var region: GenesysRegion?
        if let url = self.string("genesys.baseURL") {
            do { region = try GenesysRegion.custom(baseURL: url) } catch { self.problem("genesys.baseURL", "is not a usable base URL") }
        } else if let name = self.string("genesys.region") {
            do { region = try GenesysRegion(name) } catch {
                self.problem("genesys.region", "is not a Genesys Cloud region; use a name like us_east_1 or a domain like mypurecloud.com")
            }
        } else {
            self.problem("genesys.region", "is required (or genesys.baseURL)")
        }
        let id = self.string("genesys.client.id")
        if id == nil { self.problem("genesys.client.id", "is required") }
        let secret = self.secret("genesys.client.secret", minimumBytes: 8)
        if secret == nil, !self.problems.contains(where: { $0.key == "genesys.client.secret" }) {
            self.problem("genesys.client.secret", "is required")
        }
        var guest: AuthBridgeConfiguration.Genesys.GuestChat?
        let organization = self.string("genesys.guestChat.organizationId")
        let deployment = self.string("genesys.guestChat.deploymentId")
        let queue = self.string("genesys.guestChat.queue")
        if organization != nil || deployment != nil || queue != nil {
            if let organization, let deployment, let queue {
                guest = .init(
                    organizationID: organization,
                    deploymentID: deployment,
                    queue: queue,
                    requiresMemberAuthentication: self.optionalBool("genesys.guestChat.requiresMemberAuthentication") ?? true
                )
            } else {
                for (key, value) in [("organizationId", organization), ("deploymentId", deployment), ("queue", queue)] where value == nil {
                    self.problem("genesys.guestChat.\(key)", "is required for guest chat (with organizationId, deploymentId and queue)")
                }
            }
        }
        let legacyWebChat = self.optionalBool("genesys.legacyWebChat") ?? false
        if guest != nil, !legacyWebChat {
            self.problem(
                "genesys.guestChat",
                "needs genesys.legacyWebChat set to true: Genesys retired ACD web chat v2 (the guest chat API); use Messenger (oidc.*)"
            )
        }
        let sourceName = self.string("genesys.externalSource.name") ?? GenesysCloudClient.Configuration.defaultExternalSourceName
        if sourceName.utf16.count > GenesysContactLimits.maximumExternalSourceNameLength {
            self.problem("genesys.externalSource.name", "is longer than \(GenesysContactLimits.maximumExternalSourceNameLength) characters")
        }
        guard let region, let id, let secret else { return nil }
        return .init(
            region: region,
            credentials: GenesysCredentials(clientID: id, clientSecret: secret, region: region),
            guestChat: guest,
            legacyWebChat: legacyWebChat,
            externalSourceName: sourceName,
            noteAuthorUserID: self.string("genesys.notes.createdByUserId")
        )
    }

    mutating func redis() -> AuthBridgeConfiguration.Redis? {
        guard let host = self.string("redis.host") else { return nil }
        let usesTLS = self.optionalBool("redis.tls") ?? false
        let loopback = LoopbackHost.contains(host)
        if !usesTLS, !loopback, self.optionalBool("redis.allowPlaintext") != true {
            self.problem("redis.tls", "must be true for a Redis not on loopback: it holds the Genesys service token (set redis.allowPlaintext to accept that risk)")
        }
        return .init(
            host: host,
            port: self.int("redis.port", default: 6379, in: 1...65_535),
            username: self.string("redis.username"),
            password: self.secret("redis.password", minimumBytes: 1),
            database: self.int("redis.database", default: 0, in: 0...15),
            keyPrefix: self.string("redis.keyPrefix") ?? "authbridge:",
            usesTLS: usesTLS,
            tlsServerName: self.string("redis.tlsServerName"),
            tlsCAFile: self.string("redis.tlsCaFile")
        )
    }

    mutating func oidc() -> AuthBridgeConfiguration.OIDC? {
        guard let issuer = self.string("oidc.issuer") else { return nil }
        if let problem = AuthBridgeConfiguration.urlProblem(issuer) { self.problem("oidc.issuer", problem) }
        let clientID = self.string("oidc.client.id")
        if clientID == nil { self.problem("oidc.client.id", "is required") }
        let secret = self.secret("oidc.client.secret", minimumBytes: 32)
        if secret == nil, !self.problems.contains(where: { $0.key == "oidc.client.secret" }) {
            self.problem("oidc.client.secret", "is required (32 bytes or more, shared with Genesys's integration)")
        }
        let redirects = self.strings("oidc.redirectUris")
        if redirects.isEmpty { self.problem("oidc.redirectUris", "needs at least one redirect URI") }
        for uri in redirects { if let problem = AuthBridgeConfiguration.urlProblem(uri) { self.problem("oidc.redirectUris", "\(uri.prefix(100)) \(problem)") } }
        let algorithmName = self.string("oidc.algorithm") ?? "RS256"
        let algorithm = JWSAlgorithm(name: algorithmName)
        if algorithm == nil || [JWSAlgorithm.hs256, .hs384, .hs512].contains(where: { $0 == algorithm }) {
            self.problem("oidc.algorithm", "must be an asymmetric JWS algorithm such as RS256 or ES256")
        }
        let current = self.signingKey("oidc.signingKey", idKey: "oidc.signingKeyId", algorithm: algorithm)
        let next = self.signingKey("oidc.nextSigningKey", idKey: "oidc.nextSigningKeyId", algorithm: algorithm)
        if let current, let next, current.id == next.id { self.problem("oidc.nextSigningKeyId", "must differ from oidc.signingKeyId") }
        guard let clientID, let secret, let current, let next else { return nil }
        return .init(
            issuer: issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer,
            clientID: clientID,
            clientSecret: secret,
            redirectURIs: redirects,
            signingKey: current,
            nextSigningKey: next,
            algorithm: algorithmName
        )
    }

    private mutating func signingKey(_ key: String, idKey: String, algorithm: JWSAlgorithm?) -> (id: String, pem: Secret)? {
        guard let pem = self.secret(key, minimumBytes: 1) else {
            self.problem(key, "is required (a PKCS#8 PEM private key; `authbridge keys generate` makes one)")
            return nil
        }
        guard let id = self.string(idKey) else {
            self.problem(idKey, "is required (the kid the key is published under)")
            return nil
        }
        if let algorithm {
            do {
                let parsed = try JWTKey(pem: pem.revealed, algorithm: algorithm, keyID: id)
                guard parsed.isPrivate else {
                    self.problem(key, "is a public key; the provider signs, so it needs the private key")
                    return nil
                }
            } catch {
                self.problem(key, "is not a \(algorithm) private key in PEM (\(error.code))")
                return nil
            }
        }
        return (id, pem)
    }

    /// Zendesk API tokens are 40 letters and digits; a Messaging signing secret is not one.
    static func looksLikeAPIToken(_ secret: Secret) -> Bool {
        secret.withUnsafeBytes { bytes in
            bytes.count == 40 && bytes.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
        }
    }
}
