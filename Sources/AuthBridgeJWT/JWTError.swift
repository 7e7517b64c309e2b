/// The error every AuthBridgeJWT operation throws.
///
/// A `JWTError` carries a ``Code`` for programs and a short ``reason`` for people. It never contains key
/// material, secrets, or a token's signature: only facts an operator can act on (which claim, how many
/// seconds past a limit, the token's `kid` when it was not found, with unprintable bytes escaped).
public struct JWTError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, as a stable, growable set of values safe to use as a metric label.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case malformed
            case tokenTooLarge
            case algorithmNotAllowed
            case keyNotFound
            case invalidKey
            case keyTooSmall
            case unsupportedKeyType
            case keyUseMismatch
            case badSignature
            case expired
            case notYetValid
            case issuedInFuture
            case tooOld
            case audienceMismatch
            case issuerMismatch
            case missingClaim
            case invalidClaim
            case typeMismatch
            case unsupportedCriticalHeader
            case unsupportedHeader
            case payloadDecodingFailed
            case cryptoFailure
        }

        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The token is not a well-formed compact JWS/JWT (segments, base64url, JSON, duplicate members).
        public static let malformed = Code(.malformed)
        /// The token, a header, a key set or a key exceeds a configured size limit.
        public static let tokenTooLarge = Code(.tokenTooLarge)
        /// The `alg` is `none`, unknown, outside the call's allow-list, or not registered for the key.
        public static let algorithmNotAllowed = Code(.algorithmNotAllowed)
        /// No configured key matches the token's `kid` (or the token has no `kid` where one is required).
        public static let keyNotFound = Code(.keyNotFound)
        /// A key is malformed or unsafe (point not on the curve, bad RSA exponent, inconsistent members).
        public static let invalidKey = Code(.invalidKey)
        /// A key is below the minimum size for its algorithm (RSA < 2048 bits, HMAC secret < hash length).
        public static let keyTooSmall = Code(.keyTooSmall)
        /// The key type or curve is not one AuthBridge supports.
        public static let unsupportedKeyType = Code(.unsupportedKeyType)
        /// The key's `use` / `key_ops` do not permit this operation.
        public static let keyUseMismatch = Code(.keyUseMismatch)
        /// The signature does not verify.
        public static let badSignature = Code(.badSignature)
        /// The token's `exp` has passed (beyond the leeway).
        public static let expired = Code(.expired)
        /// The token's `nbf` lies in the future (beyond the leeway).
        public static let notYetValid = Code(.notYetValid)
        /// The token's `iat` lies in the future (beyond the leeway).
        public static let issuedInFuture = Code(.issuedInFuture)
        /// The token's `iat` is older than the configured maximum age.
        public static let tooOld = Code(.tooOld)
        /// The expected audience is not in `aud`.
        public static let audienceMismatch = Code(.audienceMismatch)
        /// `iss` differs from the expected issuer.
        public static let issuerMismatch = Code(.issuerMismatch)
        /// A required claim is absent.
        public static let missingClaim = Code(.missingClaim)
        /// A claim has the wrong JSON type or an out-of-range value.
        public static let invalidClaim = Code(.invalidClaim)
        /// The header's `typ` is not one the caller allows (RFC 8725 explicit typing).
        public static let typeMismatch = Code(.typeMismatch)
        /// `crit` names an extension AuthBridge does not implement.
        public static let unsupportedCriticalHeader = Code(.unsupportedCriticalHeader)
        /// The header asks for something AuthBridge refuses in a JWS (`zip`, nested JWT).
        public static let unsupportedHeader = Code(.unsupportedHeader)
        /// The caller's `Decodable` payload type could not be decoded from the verified claims.
        public static let payloadDecodingFailed = Code(.payloadDecodingFailed)
        /// libcrypto failed for a reason other than the input (out of memory, provider missing).
        public static let cryptoFailure = Code(.cryptoFailure)

        /// The code's name, for example `badSignature`.
        public var description: String { self.base.rawValue }
    }

    /// What went wrong.
    public let code: Code
    /// A short, human explanation that never quotes a secret, a key or a signature.
    public let reason: String
    /// The claim or header member concerned, when there is one.
    public let member: String?
    /// For time checks: how many seconds the token is past the limit (for example, expired 93 s ago).
    public let secondsBeyondLimit: Double?
    /// The token's `kid` when it selected no key, escaped and capped, so operators can compare it with theirs.
    public let keyID: String?

    init(
        _ code: Code,
        _ reason: String,
        member: String? = nil,
        secondsBeyondLimit: Double? = nil,
        keyID: String? = nil
    ) {
        self.code = code
        self.reason = reason
        self.member = member
        self.secondsBeyondLimit = secondsBeyondLimit
        self.keyID = keyID.map(JWTError.printable)
    }

    /// `JWTError(code): reason`.
    public var description: String {
        var text = "JWTError(\(self.code)): \(self.reason)"
        if let member { text += " [member: \(member)]" }
        if let keyID { text += " [kid: \(keyID)]" }
        return text
    }

    /// Escapes unprintable and non-ASCII bytes and caps the length, so an attacker's `kid` cannot forge
    /// log lines or flood them.
    static func printable(_ value: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars.prefix(64) {
            if scalar.value >= 0x20 && scalar.value < 0x7F && scalar != "\\" {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            }
        }
        if value.unicodeScalars.count > 64 { out += "…" }
        return out
    }
}
