/// What ``RefreshTokenStore/rotate(_:to:lifetime:)`` did.
public enum RefreshRotation: Sendable, Hashable {
    /// The token was its family's current one and has been replaced; the family's payload and id.
    case rotated(payload: [UInt8], family: String)
    /// The token had been rotated away already: reuse. The family is now revoked.
    case reused(family: String)
    /// No such token, its family was revoked, or it expired.
    case unknown
}
