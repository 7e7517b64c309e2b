public import AuthBridgeCore

/// An OAuth access token the Zendesk emulator knows, as `GET /api/v2/oauth/tokens/current.json` reports it.
public struct ZendeskEmulatorToken: Sendable {
    /// Which Zendesk API a token is for: Support and Chat have separate OAuth clients and token
    /// endpoints, and each API refuses the other's tokens.
    public enum API: Sendable, Hashable {
        /// Support: issued at `/oauth/tokens`, accepted by `/api/v2/...`.
        case support
        /// Chat: issued at `/oauth2/chat/token`, accepted by `/api/v2/chat/...` only.
        case chat
    }

    /// The bearer value clients send.
    public var value: Secret
    /// The token's numeric id.
    public var id: Int
    /// The user the token acts for.
    public var userID: Int
    /// The OAuth client that obtained it.
    public var clientID: Int
    /// Its scopes, for example `["read"]`, `["read", "write"]`, `["tickets:read"]`.
    public var scopes: [String]
    /// When it was created, in seconds since the Unix epoch.
    public var createdAt: Double
    /// When it expires, in seconds since the Unix epoch; `nil` for a non-expiring token.
    public var expiresAt: Double?
    /// Whether it was revoked (then every call with it gets 401).
    public var isRevoked: Bool
    /// The API that accepts it.
    public var api: API

    /// Creates a token.
    /// - Parameters:
    ///   - value: The bearer value.
    ///   - id: The numeric id; default a value derived from the token.
    ///   - userID: The user; default 1.
    ///   - clientID: The client; default 1.
    ///   - scopes: Default `["read"]`.
    ///   - createdAt: Default 0 (long ago).
    ///   - expiresAt: Default `nil` (never).
    ///   - isRevoked: Default `false`.
    ///   - api: Default ``API/support``.
    public init(
        value: Secret,
        id: Int? = nil,
        userID: Int = 1,
        clientID: Int = 1,
        scopes: [String] = ["read"],
        createdAt: Double = 0,
        expiresAt: Double? = nil,
        isRevoked: Bool = false,
        api: API = .support
    ) {
        self.value = value
        self.id = id ?? Int(truncatingIfNeeded: UInt(bitPattern: value.revealed.hashValue) % 900_000_000 + 100_000_000)
        self.userID = userID
        self.clientID = clientID
        self.scopes = scopes
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.isRevoked = isRevoked
        self.api = api
    }
}
