internal import AuthBridgeCore
internal import AuthBridgeGenesys
internal import AuthBridgeJWT
import Foundation

/// Picks the most likely cause from the facts, and gathers the evidence on the way.
struct DiagnosisAnalysis {
    typealias Conclusion = (cause: Diagnosis.Cause, explanation: String, remedy: String)

    let facts: FailureFacts
    let step: Diagnosis.Step
    let token: TokenInspection?
    let context: DiagnosisContext
    let now: Double
    let leeway: Double
    /// The peer's clock minus ours, measured by the caller or read from the `Date` header.
    let clockOffset: Double?
    private(set) var evidence = Diagnosis.Evidence()

    init(facts: FailureFacts, step: Diagnosis.Step, token: TokenInspection?, context: DiagnosisContext) {
        self.facts = facts
        self.step = step
        self.token = token
        self.context = context
        self.now = context.clock.now
        self.leeway = DiagnosisText.seconds(context.leeway)
        if let measured = context.peerClockOffset {
            self.clockOffset = DiagnosisText.seconds(measured)
        } else if let date = facts.serverDate.flatMap(DiagnosisText.httpDate) {
            // The header has whole seconds: keep the offset whole too.
            self.clockOffset = (date - self.now).rounded()
        } else {
            self.clockOffset = nil
        }

        var evidence = Diagnosis.Evidence()
        evidence.error = facts.errorName
        evidence.operation = facts.operation
        evidence.status = facts.status
        evidence.peerCode = facts.peerCode
        evidence.peerMessage = facts.peerMessage
        evidence.correlationID = facts.correlationID
        evidence.contextID = facts.contextID
        evidence.requestID = facts.requestID
        evidence.field = facts.field
        evidence.retryAfterSeconds = facts.retryAfter.map { Int(DiagnosisText.seconds($0).rounded(.up)) }
        evidence.peerDate = facts.serverDate
        evidence.clockOffsetSeconds = self.clockOffset
        // The leeway matters only where times were judged.
        if token?.isJWT == true || self.clockOffset != nil || facts.jwt != nil { evidence.leewaySeconds = self.leeway }
        evidence.knownKeyIDs = context.knownKeyIDs.map { DiagnosisText.printable($0) }
        if let token {
            evidence.tokenShape = token.shape
            evidence.tokenAlgorithm = token.algorithm
            evidence.tokenKeyID = token.keyID
            evidence.tokenType = token.type
            evidence.issuedAt = token.issuedAt
            evidence.expiresAt = token.expiresAt
            evidence.notBefore = token.notBefore
            if let exp = token.expiresAt, exp <= self.now { evidence.secondsPastExpiry = (self.now - exp).rounded() }
        }
        if evidence.tokenKeyID == nil, let kid = facts.jwt?.keyID { evidence.tokenKeyID = DiagnosisText.printable(kid) }
        self.evidence = evidence
    }

    // MARK: - Deciding

    mutating func conclude() -> Conclusion {
        if let jwt = self.facts.jwt { return self.local(jwt) }
        if self.facts.code == "retiredAPI" {
            return (
                .retiredAPI,
                "Genesys removed this API (ACD web chat v2)\(self.facts.operation.map { ": \($0)" } ?? ""): Genesys deleted the guest chat, chats and signed-data APIs from its public definitions in 2026 (help article \"deprecation-removal-of-acd-web-chat-version-2\")",
                "Move to Web Messaging: use the messenger widget (AuthBridge as Messenger's OpenID provider). Only an organization Genesys still serves web chat to may set genesys.legacyWebChat to true."
            )
        }
        if let found = self.rateLimit() ?? self.messenger() ?? self.zendeskChat() ?? self.oauth() ?? self.scopes() { return found }
        if self.isUnauthorized { return self.unauthorized() }
        if self.facts.status == 403 { return self.forbidden() }
        return self.other()
    }

    private var isUnauthorized: Bool {
        self.facts.status == 401 || self.facts.code == "unauthorized" || self.facts.code == "invalidToken"
    }

    private var offsetBeyondLeeway: Double? {
        guard let offset = self.clockOffset, abs(offset) > self.leeway else { return nil }
        return offset
    }

    /// A failure found before any peer was asked: the JWT validators.
    private mutating func local(_ error: JWTError) -> Conclusion {
        switch error.code {
        case .expired:
            // The verifier measures from exp itself, not from exp + leeway.
            let past = self.evidence.secondsPastExpiry ?? error.secondsBeyondLimit
            if self.evidence.secondsPastExpiry == nil { self.evidence.secondsPastExpiry = past?.rounded() }
            let ago = past.map { "expired \(DiagnosisText.seconds($0)) ago" } ?? "has expired"
            let when = self.token?.expiresAt.map { " (exp \(DiagnosisText.time($0)), now \(DiagnosisText.time(self.now)))" } ?? ""
            return (
                .expiredToken,
                "the token \(ago)\(when), beyond the leeway of \(DiagnosisText.seconds(self.leeway))",
                self.step == .zendeskValidation
                    ? "Mint a fresh JWT per login with a short exp, and let the widget call its JWT callback again when it expires; AuthBridge rejects a past exp. If the token was fresh when sent, check the signer's clock."
                    : "Get a new token; tokens expire and must be refreshed, never reused past exp."
            )
        case .notYetValid, .issuedInFuture:
            let claim = error.code == .notYetValid ? "nbf" : "iat"
            let value = claim == "nbf" ? self.token?.notBefore : self.token?.issuedAt
            let ahead = value.map { $0 - self.now } ?? error.secondsBeyondLimit
            if self.evidence.clockOffsetSeconds == nil { self.evidence.clockOffsetSeconds = ahead?.rounded() }
            let amount = ahead.map { " \(DiagnosisText.seconds($0))" } ?? ""
            return (
                .clockSkew,
                "the token's \(claim) is\(amount) in the future, beyond the leeway of \(DiagnosisText.seconds(self.leeway)): the signer's clock runs ahead of ours (or ours behind)",
                "Synchronise the clocks with NTP on the server that signs the JWT and on this host. Raise the leeway (at most 5 minutes) only as a stopgap."
            )
        case .tooOld:
            return (
                .expiredToken,
                "the token's iat is \(error.secondsBeyondLimit.map { DiagnosisText.seconds($0) + " " } ?? "")older than the allowed age",
                "Sign the SSO JWT at the moment of the redirect and post it at once; Zendesk treats an iat older than 3 minutes as stale. If it was fresh, check both clocks."
            )
        case .keyNotFound:
            let kid = self.evidence.tokenKeyID
            let known = self.context.knownKeyIDs.map { DiagnosisText.printable($0) }
            let knownText = known.isEmpty ? "the configured keys" : "[" + known.joined(separator: ", ") + "]"
            return (
                .unknownKeyID,
                kid.map { "kid \($0) is not among \(knownText)" } ?? "the token names no kid, and one is required to pick among \(knownText)",
                "Add the signing key with this kid (Admin Center → Account → Security → End user authentication) to AuthBridge's configuration, or sign with a key AuthBridge knows; during rotation configure both the old and the new key."
            )
        case .badSignature:
            if let secret = self.context.signingSecret, DiagnosisText.looksLikeZendeskAPIToken(secret) {
                return (
                    .signatureMismatch,
                    "the signature does not verify, and the configured secret has the shape of a Zendesk API token (40 letters and digits), not of a JWT signing secret",
                    "Configure the shared secret of the signing key that signs these JWTs (Messaging: End user authentication signing key; Chat: Visitor Authentication secret; SSO: the JWT shared secret), not a Zendesk API token."
                )
            }
            return (
                .signatureMismatch,
                "the signature does not verify with the key \(self.evidence.tokenKeyID.map { "for kid \($0)" } ?? "configured"): the secret differs from the signer's",
                "Copy the signing key's shared secret again (it is shown once; if lost, create a new key and configure both while rotating). Check that the signer uses the same secret, without extra whitespace or a different encoding."
            )
        case .algorithmNotAllowed:
            let alg = self.token?.algorithm ?? "of the token"
            let sharedSecret = self.step == .zendeskValidation
            return (
                .algorithmMismatch,
                sharedSecret
                    ? "alg \(alg) but the key is a shared secret (HS256 only)"
                    : "alg \(alg) is not allowed for the configured key",
                sharedSecret
                    ? "Sign Zendesk JWTs with HS256 and the signing key's shared secret; RS256/ES256 and alg none are refused."
                    : "Sign with the algorithm the key is registered for; AuthBridge binds each key to one algorithm and never accepts none."
            )
        case .invalidClaim where error.member == "jti" && self.step == .zendeskValidation:
            return (
                .invalidToken,
                "the JWT's jti is not a string: Zendesk's SSO sample shows a number, but its attribute table and RFC 7519 say string, and AuthBridge follows them",
                "Sign jti as a string (for example a UUID); the value must be unique per token."
            )
        case .missingClaim where error.member == "exp" && self.step == .zendeskValidation:
            return (
                .invalidToken,
                "the JWT has no exp: Zendesk does not document exp as required for Messaging JWTs, but AuthBridge requires it by default so a stolen token does not work forever (Chat visitor JWTs always need it)",
                "Mint the JWT with a short exp (minutes). For a Messaging JWT only, to accept tokens without one as Zendesk may, set zendesk.messaging.requireExpiry to false (ZendeskMessagingJWTValidator.Configuration.requiresExpiry); the lifetime cap still applies to iat."
            )
        case .invalidKey, .keyTooSmall, .unsupportedKeyType, .keyUseMismatch:
            return (
                .invalidConfiguration,
                "the configured key is unusable (\(error.code))",
                "Configure the key as issued: HMAC secrets of at least 32 bytes, RSA keys of at least 2048 bits, EC keys on P-256/384/521."
            )
        default:
            return (
                .invalidToken,
                "the token breaks a rule (\(error.code)\(error.member.map { ", claim \(DiagnosisText.printable($0))" } ?? ""))",
                "Fix the token the signer builds: the claims, issuer, audience and type AuthBridge expects for this kind of token are listed in the validator's documentation."
            )
        }
    }

    /// 429 is not 401.
    private func rateLimit() -> Conclusion? {
        guard self.facts.status == 429 || self.facts.code == "rateLimited" else { return nil }
        let wait = self.evidence.retryAfterSeconds.map { "; Retry-After \($0) s" } ?? ""
        return (
            .rateLimited,
            "the peer answered 429 Too Many Requests\(wait): the credentials are fine, the client sent too many requests",
            "Do not treat this as an authentication failure or fetch new tokens: wait for Retry-After, then retry with backoff and jitter; cache tokens (Genesys allows 300 requests a minute per client-credentials token by default)."
        )
    }

    /// Messenger's deployment and integration checks.
    private func messenger() -> Conclusion? {
        switch self.facts.peerCode {
        case "deployment.not.active":
            return (
                .deploymentNotActive,
                "the Messenger deployment's status is not Active",
                "In Genesys Admin → Messenger Deployments, publish the deployment and wait until its status is Active; check that the page uses this region's deployment id."
            )
        case "origin.not.allowed":
            return (
                .originNotAllowed,
                "the page's origin is not in the deployment's allowed domains",
                "Add the site's domain to the deployment's allowed domains (Genesys Admin → Messenger Deployments), or serve the page from an allowed origin."
            )
        case "integration.not.active":
            return (
                .integrationNotActive,
                "the OpenID Connect Messenger Configuration integration is not Active",
                "In Genesys Admin → Integrations, set the OpenID Connect Messenger Configuration integration Active and assign it in the Messenger configuration's authentication settings."
            )
        case "identity.provider.unavailable":
            return (
                .identityProviderUnavailable,
                "Genesys could not reach our OpenID provider (discovery, JWKS or token endpoint)",
                "Check that the integration's Discovery URI is AuthBridge's public https URL and that discovery, JWKS and the token endpoint answer from the internet."
            )
        case "not.found" where self.step == .messengerExchange:
            return (
                .deploymentNotFound,
                "Genesys has no Messenger deployment with this id in this region",
                "Use the deployment id from this region's Genesys Admin → Messenger Deployments, and the region's own api host."
            )
        default:
            return nil
        }
    }

    /// Zendesk's Chat API and its token endpoint, which take only a Chat API client's credentials and
    /// tokens (Zendesk's Chat API authentication guide; its staff: "Support tokens do not work").
    private func zendeskChat() -> Conclusion? {
        guard self.facts.source == .zendesk, self.step == .zendeskHistoryRead, self.facts.text.contains("chat") else { return nil }
        let setUp =
            "Create the client in the Chat dashboard (Account > API & SDKs > Add API client), make it confidential with the Chat OAuth Clients API (client_type confidential), and set zendesk.chat.client.id and zendesk.chat.client.secret to it; a Support OAuth client (zendesk.client.*, Admin Center > APIs) reads tickets, never chats."
        if self.facts.text.contains("grant"), self.isUnauthorized || self.facts.status == 400 {
            return (
                .wrongZendeskAPI,
                "Zendesk's Chat token endpoint (/oauth2/chat/token) refused the client (\(self.facts.peerCode ?? "\(self.facts.status ?? 0)")): the id is not a Chat API client's (a Support OAuth client's id is unknown there), the secret is wrong, or the Chat client is not confidential",
                setUp
            )
        }
        guard self.isUnauthorized || self.facts.status == 403 else { return nil }
        return (
            .wrongZendeskAPI,
            "Zendesk's Chat API refused the token (\(self.facts.peerCode ?? "\(self.facts.status ?? 0)")): it takes only tokens its own token endpoint issued to a Chat API client; a Support OAuth token, API token or password is refused there, and so is a Chat token without the read scope",
            setUp
        )
    }

    /// Token endpoint answers: client authentication and grants.
    private func oauth() -> Conclusion? {
        let text = self.facts.text
        if self.facts.peerCode == "invalid_client" || self.facts.code == "invalidClient" {
            let wrongWay = ["required", "malformed", "basic", "one client authentication method", "credentials are missing"]
                .contains { text.contains($0) }
            if wrongWay {
                return (
                    .secretSentWrongWay,
                    "the token endpoint found no usable client authentication: the client id and secret were sent in the body, or in a Basic header that is not base64(client_id:client_secret)",
                    "Send the client id and secret in an Authorization: Basic header with standard base64 (not base64url, no line breaks) of client_id:client_secret, and only grant_type in an application/x-www-form-urlencoded body."
                )
            }
            let unknownClient = text.contains("not found") || text.contains("unknown client")
            return (
                .clientCredentialsRejected,
                unknownClient
                    ? "the token endpoint does not know this client id: a typo, or a client created in another region"
                    : "the token endpoint refused the client secret",
                unknownClient
                    ? "Use the client id of an OAuth client created in the configured region's organization (Genesys clients exist per region), or point AuthBridge at that region."
                    : "Copy the client secret again from the OAuth client (regenerating it invalidates the old one) and check it has no extra whitespace."
            )
        }
        if self.facts.peerCode == "invalid_grant" {
            let detail: String
            if text.contains("already used") {
                detail = "the authorization code was already used: codes are single use"
            } else if text.contains("expired") || text.contains("invalid") {
                detail = "the authorization code is unknown or expired (codes live 60 s)"
            } else if text.contains("pkce") || text.contains("verifier") {
                detail = "the PKCE code_verifier does not match the code's challenge"
            } else if text.contains("redirect") {
                detail = "the redirect_uri differs from the one the code was issued for"
            } else {
                detail = "the code or refresh token was refused (reused, expired, or bound to another client, redirect URI or verifier)"
            }
            return (
                .authorizationCodeRejected,
                detail,
                "Have getAuthCode return a fresh code every time Messenger asks, and pass redirectUri, nonce and codeVerifier unchanged; never cache or replay a code."
            )
        }
        return nil
    }

    /// Scopes that do not exist, and scopes that are missing.
    private mutating func scopes() -> Conclusion? {
        let required = self.requiredScope()
        var candidates = self.context.scopes
        if let required { candidates.append(required) }
        let refused = [400, 401, 403].contains(self.facts.status ?? 0) || self.facts.code == "insufficientScope"
        let nonexistent = ScopeCatalog.nonexistent(candidates)
        if refused, !nonexistent.isEmpty {
            var seen = Set<String>()
            let unique = nonexistent.filter { seen.insert($0.scope).inserted }
            return (
                .nonexistentScope,
                "the scope\(unique.count > 1 ? "s" : "") " + unique.map { DiagnosisText.printable($0.scope) }.joined(separator: ", ")
                    + " do\(unique.count > 1 ? "" : "es") not exist",
                unique.map { "\(DiagnosisText.printable($0.scope)): \($0.instead)." }.joined(separator: " ")
            )
        }
        if let required {
            self.evidence.field = DiagnosisText.printable(required)
            return (
                .missingScope,
                "the OAuth token lacks the \(DiagnosisText.printable(required)) scope",
                "Grant the \(DiagnosisText.printable(required)) scope to the OAuth client and issue a new token (a token keeps the scopes it was issued with); read satisfies <resource>:read and write <resource>:write."
            )
        }
        return nil
    }

    /// The scope named by `insufficientScope` or by Zendesk's 403 body.
    private func requiredScope() -> String? {
        if self.facts.code == "insufficientScope" { return self.facts.field }
        guard self.facts.status == 403, let message = self.facts.peerMessage else { return nil }
        let marker = "missing the following required scopes:"
        // Scope names are lowercase; the message was already escaped to printable ASCII.
        let lower = message.lowercased()
        guard let range = lower.range(of: marker) else { return nil }
        let scope = lower[range.upperBound...].split(whereSeparator: { $0 == " " || $0 == "," }).first.map(String.init)
        return scope.flatMap { $0.isEmpty ? nil : $0 }
    }

    private var regionHostsDiffer: Bool {
        guard let region = self.context.region else { return false }
        func stem(_ url: String, _ prefix: String) -> String {
            var host = url.lowercased()
            for scheme in ["https://", "http://"] where host.hasPrefix(scheme) { host.removeFirst(scheme.count) }
            if host.hasPrefix(prefix) { host.removeFirst(prefix.count) }
            return host
        }
        return stem(region.loginBaseURL, "login.") != stem(region.apiBaseURL, "api.")
    }

    /// A 401.
    private func unauthorized() -> Conclusion {
        if let offset = self.offsetBeyondLeeway {
            return (
                .clockSkew,
                "the peer's clock is \(DiagnosisText.seconds(offset)) \(offset > 0 ? "ahead of" : "behind") ours (from its Date header), beyond the leeway of \(DiagnosisText.seconds(self.leeway)): fresh tokens look expired or not yet valid to one side",
                "Synchronise this host's clock with NTP (timedatectl, chrony) and check the peer's time; tokens with exp, iat and nbf depend on both clocks agreeing within the leeway."
            )
        }
        if self.step.isWidgetStep, let token = self.token, !token.isJWT {
            return (
                .platformTokenInWidget,
                "the \(self.step) step was given an opaque \(token.byteCount)-byte token, the shape of a Genesys platform (client-credentials) access token, where a widget expects a JWT",
                "Never hand the platform access token to the page or a widget: use the member token from POST /api/v2/signeddata (Web Chat), the conversation's jwt (guest API), or Messenger's getAuthCode code."
            )
        }
        if let token = self.token, let exp = token.expiresAt, exp <= self.now {
            return (
                .expiredToken,
                "the token expired \(DiagnosisText.seconds(self.now - exp)) ago (exp \(DiagnosisText.time(exp)))",
                "Refresh the token before it expires and retry once on 401 with a fresh one; never reuse a token past exp."
            )
        }
        if self.facts.peerCode == "authentication.required" {
            return (
                .tokenRejected,
                "the Web Chat deployment requires an authenticated member and no member token was sent",
                "Create the guest chat with memberAuthToken set to the member token from POST /api/v2/signeddata, or allow anonymous chats in the deployment."
            )
        }
        if self.regionHostsDiffer {
            return (
                .wrongRegion,
                "the configured login host and API host belong to different regions: a token from one region's login host is refused by another region's API host",
                "Configure the same region for the token and the API calls (for example eu_west_1 → login.mypurecloud.ie and api.mypurecloud.ie): the region where the OAuth client and the organization live."
            )
        }
        let platformStep = self.step == .signedData || self.step == .contextTransfer || self.step == .genesysToken
        if self.facts.source == .genesys, self.facts.code == "unauthorized", platformStep {
            return (
                .wrongRegion,
                "Genesys refused a freshly issued token (\(self.facts.peerCode ?? "401")): the token was issued by another region's login host than the API host that refused it",
                "Use the same region for login and API (the region of the organization and its OAuth client); the SDKs call this setEnvironment. A token from mypurecloud.com is refused by mypurecloud.ie."
            )
        }
        if self.step == .messengerExchange, self.facts.peerCode == "authentication.failed" {
            if self.facts.text.contains("refresh token") || self.facts.text.contains("session was revoked") {
                return (
                    .authorizationCodeRejected,
                    "Genesys refused the Messenger refresh token: it is invalid, expired (24 h at most), revoked, or for another deployment",
                    "Let Messenger call reAuthenticate: sign the customer in again and return a fresh code from getAuthCode; a refresh token is never reused after logout or revoke."
                )
            }
            return (
                .authorizationCodeRejected,
                "Genesys's backend could not redeem the code at our token endpoint (reused or expired code, redirectUri, nonce or codeVerifier mismatch, or the integration's client secret)",
                "Have getAuthCode return a fresh code each time, pass redirectUri, nonce and codeVerifier unchanged, and check the integration's client id and secret match AuthBridge's OpenID client."
            )
        }
        if self.facts.source == .zendesk || self.step == .zendeskValidation || self.step == .zendeskHistoryRead {
            return (
                .tokenRejected,
                "Zendesk refused the token (\(self.facts.peerCode ?? "401")): it is expired, revoked, for another subdomain, or not an OAuth token at all",
                "Get a new OAuth token (tokens now expire by default); check the subdomain, and that an API token is not sent as a Bearer OAuth token (API tokens use Basic email/token)."
            )
        }
        return (
            .tokenRejected,
            "the peer refused the token (\(self.facts.peerCode ?? "401")): expired, revoked, or not the kind of token this call takes",
            "Fetch a new token and retry once; if a fresh token is refused too, check that the token and the call use the same Genesys region, and that the step gets the token it expects."
        )
    }

    /// A 403 that is not about a named scope.
    private func forbidden() -> Conclusion {
        if self.facts.source == .genesys || self.facts.peerCode == "missing.permissions" {
            return (
                .missingPermission,
                "the Genesys OAuth client's role lacks a permission for \(self.facts.operation ?? "this call")",
                self.step == .signedData
                    ? "Give the OAuth client a role with the signature permission (authentication → signature → create) in its division; Genesys uses roles, not scopes, for client credentials."
                    : "Give the OAuth client a role with the permission this API needs, in the right division; client-credentials clients get permissions from roles, not scopes."
            )
        }
        return (
            .missingScope,
            "the peer refused the call (403): the token lacks a scope or the user a right",
            "Grant the OAuth client the scope the call needs (read for introspection), then issue a new token."
        )
    }

    private func other() -> Conclusion {
        if self.facts.code == "valuesOmitted" {
            return (
                .dataOmitted,
                "values from Zendesk break limits of Genesys's published definitions (identifiers and external ids at most 255 characters, emails at most 256 and well-formed, phones E.164) and were left out of the External Contact; the rest was written and the chat was not refused",
                "The notice 'External Contact written without values that break Genesys's limits' names each field and rule. Fix the value at its source in Zendesk (for example a shorter external_id) if the contact needs it."
            )
        }
        if self.facts.source == .genesys, self.facts.status == 400, self.facts.text.contains("createdby") {
            return (
                .invalidConfiguration,
                "Genesys refused a contact note without createdBy: this organization requires a note author, which Genesys's definitions mark optional",
                "Set genesys.notes.createdByUserId to the id of the Genesys user notes are written as (GenesysCloudClient.Configuration.noteAuthorUserID)."
            )
        }
        switch self.facts.code {
        case "invalidClaims":
            return (
                .invalidToken,
                "the JWT verifies but breaks Zendesk's rules\(self.facts.field.map { " (claim \($0))" } ?? "")",
                "Build the claims Zendesk expects: Messaging needs scope \"user\" and external_id; keep the lifetime short."
            )
        case "replayedToken":
            return (
                .replayedToken,
                "an SSO JWT with this jti was already accepted once",
                "Sign a new JWT with a fresh random jti for every login; never resend one."
            )
        case "invalidConfiguration", "invalidSubdomain", "unknownRegion", "unknownClient", "invalidInput":
            return (
                .invalidConfiguration,
                "the configuration is refused (\(self.facts.code ?? "invalid"))\(self.facts.field.map { ", field \($0)" } ?? "")",
                "Fix the named configuration value; the error lists what is accepted."
            )
        default:
            break
        }
        let status = self.facts.status ?? 0
        let transientCodes: Set<String> = [
            "serverError", "timeout", "connectionFailed", "connectionClosed", "transport", "temporarilyUnavailable", "tokenUnavailable",
        ]
        if (500...599).contains(status) || transientCodes.contains(self.facts.code ?? "") {
            return (
                .peerUnavailable,
                "the peer failed or could not be reached (\(status > 0 ? "status \(status)" : self.facts.code ?? "no answer"))",
                "Retry with backoff; if it persists, check the host, network and the peer's status page. It is not an authentication problem."
            )
        }
        return (
            .unknown,
            "no known cause fits \(self.facts.errorName)\(status > 0 ? " (status \(status))" : "")",
            "Read the evidence below (status, peer code, correlation id) and quote the correlation id to Genesys support or the request id to Zendesk."
        )
    }
}
