/// A JWS signature algorithm (RFC 7518, RFC 8037). `none` is not representable.
///
/// Names compare case-sensitively: `"hs256"` or `"None"` are not algorithms.
public struct JWSAlgorithm: Sendable, Hashable, CustomStringConvertible {
    enum Family: Sendable { case hmac, rsaPKCS1, rsaPSS, ecdsa, eddsa }
    enum Hash: Sendable { case sha256, sha384, sha512 }

    enum Base: String, Sendable, CaseIterable {
        case hs256 = "HS256", hs384 = "HS384", hs512 = "HS512"
        case rs256 = "RS256", rs384 = "RS384", rs512 = "RS512"
        case ps256 = "PS256", ps384 = "PS384", ps512 = "PS512"
        case es256 = "ES256", es384 = "ES384", es512 = "ES512"
        case edDSA = "EdDSA"
    }

    let base: Base
    private init(_ base: Base) { self.base = base }

    /// The algorithm with this exact JOSE name, or `nil` (for `none` in any casing, too).
    public init?(name: String) {
        guard let base = Base(rawValue: name) else { return nil }
        self.base = base
    }

    /// The JOSE name, for example `RS256`.
    public var name: String { self.base.rawValue }
    /// The JOSE name.
    public var description: String { self.base.rawValue }

    /// HMAC with SHA-256.
    public static let hs256 = JWSAlgorithm(.hs256)
    /// HMAC with SHA-384.
    public static let hs384 = JWSAlgorithm(.hs384)
    /// HMAC with SHA-512.
    public static let hs512 = JWSAlgorithm(.hs512)
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    public static let rs256 = JWSAlgorithm(.rs256)
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    public static let rs384 = JWSAlgorithm(.rs384)
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    public static let rs512 = JWSAlgorithm(.rs512)
    /// RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt.
    public static let ps256 = JWSAlgorithm(.ps256)
    /// RSASSA-PSS with SHA-384, MGF1-SHA-384 and a 48-byte salt.
    public static let ps384 = JWSAlgorithm(.ps384)
    /// RSASSA-PSS with SHA-512, MGF1-SHA-512 and a 64-byte salt.
    public static let ps512 = JWSAlgorithm(.ps512)
    /// ECDSA on P-256 with SHA-256.
    public static let es256 = JWSAlgorithm(.es256)
    /// ECDSA on P-384 with SHA-384.
    public static let es384 = JWSAlgorithm(.es384)
    /// ECDSA on P-521 with SHA-512.
    public static let es512 = JWSAlgorithm(.es512)
    /// EdDSA with Ed25519 (RFC 8037).
    public static let edDSA = JWSAlgorithm(.edDSA)

    /// Every supported algorithm.
    public static let all: [JWSAlgorithm] = Base.allCases.map(JWSAlgorithm.init)

    var family: Family {
        switch self.base {
        case .hs256, .hs384, .hs512: .hmac
        case .rs256, .rs384, .rs512: .rsaPKCS1
        case .ps256, .ps384, .ps512: .rsaPSS
        case .es256, .es384, .es512: .ecdsa
        case .edDSA: .eddsa
        }
    }

    /// Nil for EdDSA, which hashes internally.
    var hash: Hash? {
        switch self.base {
        case .hs256, .rs256, .ps256, .es256: .sha256
        case .hs384, .rs384, .ps384, .es384: .sha384
        case .hs512, .rs512, .ps512, .es512: .sha512
        case .edDSA: nil
        }
    }

    /// The curve an ECDSA algorithm requires.
    var curve: ECCurve? {
        switch self.base {
        case .es256: .p256
        case .es384: .p384
        case .es512: .p521
        default: nil
        }
    }

    /// HMAC: the minimum secret length, equal to the hash output (RFC 7518 3.2).
    var hashLength: Int {
        switch self.hash {
        case .sha256: 32
        case .sha384: 48
        case .sha512, .none: 64
        }
    }
}
