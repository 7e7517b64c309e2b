/// A JWT whose signature and claims verified.
public struct VerifiedJWT: Sendable, Hashable {
    /// The protected header.
    public let header: JOSEHeader
    /// The claims.
    public let claims: JWTClaims
    /// The payload bytes the claims were read from.
    public let payload: [UInt8]
}
