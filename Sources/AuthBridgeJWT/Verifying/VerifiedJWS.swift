/// A compact JWS whose signature verified: its header and payload bytes.
public struct VerifiedJWS: Sendable, Hashable {
    /// The protected header.
    public let header: JOSEHeader
    /// The payload, decoded from base64url.
    public let payload: [UInt8]
}
