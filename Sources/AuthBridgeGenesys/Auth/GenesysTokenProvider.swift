public import AsyncHTTPClient
public import AuthBridgeCore
import AuthBridgeCrypto
internal import AuthBridgeJWT
public import Logging
internal import NIOHTTP1

/// Fetches Genesys Cloud service tokens with the OAuth client-credentials grant.
///
/// `POST https://login.{domain}/oauth/token`, `Authorization: Basic base64(id:secret)`, form body
/// `grant_type=client_credentials`. Use it through a `TokenBroker`, so every Genesys call shares one
/// cached token per OAuth client and region, refreshed ahead of expiry:
///
/// ```swift
/// let provider = GenesysTokenProvider(httpClient: httpClient, credentials: [credentials], logger: logger)
/// let broker = TokenBroker(provider: provider, configuration: .init(name: "genesys"), logger: logger)
/// let genesys = GenesysCloudClient(httpClient: httpClient, serviceToken: broker.handle(for: credentials.client),
///                                  logger: logger)
/// ```
///
/// It makes one request per call and reports failures as ``GenesysError`` (400/401 → permanent
/// ``GenesysError/Code/invalidClient``; 403 permanent; 429 and 5xx transient, with `Retry-After`), so
/// the broker decides about retries. Client-credentials grants return no refresh token; a new token is
/// simply requested.
///
/// The token acts for your whole organization with the OAuth client's roles: it is for server-side
/// calls only. No widget reads it; never send it to a browser (see <doc:ChoosingYourGenesysWidget>).
public struct GenesysTokenProvider: TokenProvider {
    private let httpClient: HTTPClient
    private let secrets: [GenesysOAuthClient: Secret]
    private let policy: GenesysHTTPPolicy
    private let logger: Logger

    /// Creates a provider.
    /// - Parameters:
    ///   - httpClient: A client you own and shut down; it is shared, never created here.
    ///   - credentials: The OAuth clients this provider may fetch tokens for.
    ///   - policy: Timeout and size caps (retries are the broker's job and are not used here).
    ///   - logger: Where the provider logs; it never logs a secret or a token.
    public init(
        httpClient: HTTPClient,
        credentials: [GenesysCredentials],
        policy: GenesysHTTPPolicy = GenesysHTTPPolicy(),
        logger: Logger
    ) {
        self.httpClient = httpClient
        var secrets: [GenesysOAuthClient: Secret] = [:]
        for credential in credentials { secrets[credential.client] = credential.clientSecret }
        self.secrets = secrets
        self.policy = policy
        self.logger = logger
    }

    /// Requests a new token for `key`.
    /// - Parameter key: The OAuth client and region.
    /// - Returns: The token, with `expires_in` as its lifetime and the region in its metadata.
    /// - Throws: ``GenesysError``.
    public func fetchToken(for key: GenesysOAuthClient) async throws -> AccessToken {
        guard let secret = self.secrets[key] else {
            throw GenesysError(
                .unknownClient,
                kind: .permanent,
                reason: "no credentials configured for OAuth client \(key)"
            )
        }
        var request = GenesysRequest(.POST, "/oauth/token", endpoint: .login, isIdempotent: false)
        request.body = Array("grant_type=client_credentials".utf8)
        request.contentType = "application/x-www-form-urlencoded"
        var basic = Array(key.id.utf8)
        basic.append(UInt8(ascii: ":"))
        secret.withUnsafeBytes { basic.append(contentsOf: $0) }
        request.headers.append(("Authorization", "Basic " + Base64.encode(basic)))
        let transport = GenesysTransport(
            httpClient: self.httpClient,
            region: key.region,
            policy: self.policy,
            tokens: nil,
            logger: self.logger
        )
        let response = try await transport.send(request)
        let object = try response.jsonObject()
        let value = try response.string("access_token", in: object)
        guard let seconds = object["expires_in"]?.numberValue, seconds >= 1, seconds <= 31_536_000 else {
            throw GenesysError(
                .malformedResponse,
                kind: .permanent,
                reason: "the token response has no usable 'expires_in'",
                operation: response.operation,
                status: response.status,
                correlationID: response.correlationID
            )
        }
        let type = object["token_type"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? "Bearer"
        self.logger.debug(
            "genesys service token issued",
            metadata: ["authbridge.key": "\(key)", "authbridge.expires_in_s": "\(Int(seconds))"]
        )
        return AccessToken(
            value: Secret(value),
            type: type.lowercased() == "bearer" ? "Bearer" : type,
            expiresIn: .milliseconds(Int64(seconds * 1000)),
            metadata: ["authbridge.region": key.region.description]
        )
    }
}
