/// Size limits on everything AuthBridgeJWT parses. Every limit is checked before the work it bounds.
public struct JWTLimits: Sendable, Hashable {
    /// Longest compact token accepted, in bytes. Default 8 KiB: a Zendesk or OIDC token is well under 2 KiB.
    public var maximumTokenBytes: Int
    /// Longest encoded header accepted, in bytes. Default 2 KiB.
    public var maximumHeaderBytes: Int
    /// Deepest JSON nesting in a header, claims or a key. Default 16 (JOSE needs 3).
    public var maximumJSONDepth: Int
    /// Most keys in one JWK Set. Default 32.
    public var maximumKeysInSet: Int
    /// Longest JWK Set document, in bytes. Default 64 KiB.
    public var maximumKeySetBytes: Int
    /// Longest `kid`, in bytes. Default 256.
    public var maximumKeyIDBytes: Int
    /// Smallest RSA modulus accepted, in bits. Default 2048 (RFC 7518); lower values are refused.
    public var minimumRSABits: Int
    /// Largest RSA modulus accepted, in bits. Default 16384, bounding verification cost.
    public var maximumRSABits: Int

    /// Limits with every default.
    public init(
        maximumTokenBytes: Int = 8192,
        maximumHeaderBytes: Int = 2048,
        maximumJSONDepth: Int = 16,
        maximumKeysInSet: Int = 32,
        maximumKeySetBytes: Int = 65536,
        maximumKeyIDBytes: Int = 256,
        minimumRSABits: Int = 2048,
        maximumRSABits: Int = 16384
    ) {
        self.maximumTokenBytes = maximumTokenBytes
        self.maximumHeaderBytes = maximumHeaderBytes
        self.maximumJSONDepth = maximumJSONDepth
        self.maximumKeysInSet = maximumKeysInSet
        self.maximumKeySetBytes = maximumKeySetBytes
        self.maximumKeyIDBytes = maximumKeyIDBytes
        self.minimumRSABits = max(2048, minimumRSABits)
        self.maximumRSABits = maximumRSABits
    }

    /// The documented defaults.
    public static let `default` = JWTLimits()
}
