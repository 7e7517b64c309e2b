extension Diagnosis {
    /// The facts a diagnosis rests on: what the peer answered, what the token says about itself, how the
    /// clocks compare. Every member is safe to log: ids, codes, times and key ids, never a token, a
    /// signature, a secret, a code or a password.
    public struct Evidence: Hashable, Sendable {
        /// The error that was diagnosed, as `Type.code` (for example `JWTError.expired`).
        public var error: String?
        /// The failing request, as `METHOD /path`, when the error named it.
        public var operation: String?
        /// The HTTP status the peer answered with.
        public var status: Int?
        /// The peer's own error code: Genesys's `code` (`bad.credentials`), Zendesk's `error`
        /// (`invalid_token`, `Forbidden`) or the OAuth `error` (`invalid_client`, `invalid_grant`).
        public var peerCode: String?
        /// The peer's message or error description, capped.
        public var peerMessage: String?
        /// Genesys's `inin-correlation-id` header.
        public var correlationID: String?
        /// Genesys's `contextId` from the error body (usually equal to the correlation id).
        public var contextID: String?
        /// Zendesk's `X-Request-Id`.
        public var requestID: String?
        /// The claim, field or scope the error is about.
        public var field: String?
        /// `Retry-After`, in seconds.
        public var retryAfterSeconds: Int?
        /// The peer's `Date` header as sent.
        public var peerDate: String?
        /// The peer's clock minus ours, in seconds (positive: the peer is ahead).
        public var clockOffsetSeconds: Double?
        /// The leeway the diagnosis judged times with, in seconds.
        public var leewaySeconds: Double?
        /// What the token is, without its content: `JWT` or `opaque (64 bytes)`.
        public var tokenShape: String?
        /// The token header's `alg`.
        public var tokenAlgorithm: String?
        /// The token header's `kid`, escaped and capped.
        public var tokenKeyID: String?
        /// The token header's `typ`.
        public var tokenType: String?
        /// The token's `iat` (seconds since 1970).
        public var issuedAt: Double?
        /// The token's `exp` (seconds since 1970).
        public var expiresAt: Double?
        /// The token's `nbf` (seconds since 1970).
        public var notBefore: Double?
        /// How long ago the token expired, in seconds, when it has.
        public var secondsPastExpiry: Double?
        /// The key ids the validator knows.
        public var knownKeyIDs: [String]

        /// Creates empty evidence.
        public init() {
            self.knownKeyIDs = []
        }
    }
}
