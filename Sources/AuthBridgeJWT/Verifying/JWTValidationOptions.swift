/// What a ``JWTVerifier`` checks beyond the signature.
///
/// Defaults are strict: `exp` is required, leeway is 60 s, `typ` must be `JWT` or absent.
public struct JWTValidationOptions: Sendable {
    /// Clock skew tolerated on `exp`, `nbf` and `iat`. Default 60 s; capped at 5 minutes.
    public var leeway: Duration {
        didSet {
            self.leeway = min(max(self.leeway, .zero), .seconds(300))
            self.leewaySeconds = Self.seconds(self.leeway)
        }
    }
    /// `leeway` in seconds, converted once: `Duration.components` costs 128-bit arithmetic per call.
    private var leewaySeconds: Double
    /// The oldest `iat` accepted, if any (requires `iat`).
    public var maximumAge: Duration?
    /// The exact `iss` required, if any (`https://a` and `https://a/` differ).
    public var issuer: String?
    /// The audience that must appear in `aud`, if any.
    public var audience: String?
    /// Claims that must be present. Default `["exp"]`.
    public var requiredClaims: Set<String>
    /// The call's algorithm allow-list, on top of each key's own. `nil` leaves it to the keys.
    public var allowedAlgorithms: Set<JWSAlgorithm>?
    /// Accepted `typ` values. Default ``JWTTypePolicy/jwt``.
    public var typePolicy: JWTTypePolicy
    /// The time source. Default ``JWTClock/system``.
    public var clock: JWTClock
    /// Size limits. Default ``JWTLimits/default``.
    public var limits: JWTLimits

    /// Options with every default unless given.
    public init(
        leeway: Duration = .seconds(60),
        maximumAge: Duration? = nil,
        issuer: String? = nil,
        audience: String? = nil,
        requiredClaims: Set<String> = ["exp"],
        allowedAlgorithms: Set<JWSAlgorithm>? = nil,
        typePolicy: JWTTypePolicy = .jwt,
        clock: JWTClock = .system,
        limits: JWTLimits = .default
    ) {
        self.leeway = min(max(leeway, .zero), .seconds(300))
        self.leewaySeconds = Self.seconds(self.leeway)
        self.maximumAge = maximumAge
        self.issuer = issuer
        self.audience = audience
        self.requiredClaims = requiredClaims
        self.allowedAlgorithms = allowedAlgorithms
        self.typePolicy = typePolicy
        self.clock = clock
        self.limits = limits
    }

    /// RFC 7519 §4.1 checks against the clock, in a fixed order so the first failure is reported.
    func validate(_ claims: JWTClaims) throws(JWTError) {
        for name in self.requiredClaims where !claims.contains(name) {
            throw JWTError(.missingClaim, "the token lacks a required claim", member: name)
        }
        let now = self.clock.now
        let leeway = self.leewaySeconds
        if let exp = claims.expiresAt, now >= exp + leeway {
            throw JWTError(.expired, "the token has expired", member: "exp", secondsBeyondLimit: now - exp)
        }
        if let nbf = claims.notBefore, now + leeway < nbf {
            throw JWTError(.notYetValid, "the token is not valid yet", member: "nbf", secondsBeyondLimit: nbf - now)
        }
        if let iat = claims.issuedAt, iat > now + leeway {
            throw JWTError(.issuedInFuture, "the token was issued in the future", member: "iat", secondsBeyondLimit: iat - now)
        }
        if let maximumAge {
            guard let iat = claims.issuedAt else { throw JWTError(.missingClaim, "a maximum age needs iat", member: "iat") }
            let age = Self.seconds(maximumAge)
            if now - iat > age + leeway {
                throw JWTError(.tooOld, "the token is older than allowed", member: "iat", secondsBeyondLimit: now - iat - age)
            }
        }
        if let issuer, !claims.issuerIs(issuer) {
            throw JWTError(.issuerMismatch, claims.hasIssuer ? "iss is not the expected issuer" : "the token has no iss", member: "iss")
        }
        if let audience, !claims.audienceContains(audience) {
            throw JWTError(.audienceMismatch, claims.audience == nil ? "the token has no aud" : "aud does not name this audience", member: "aud")
        }
    }

    private static func seconds(_ duration: Duration) -> Double {
        let components = duration.components
        return Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
