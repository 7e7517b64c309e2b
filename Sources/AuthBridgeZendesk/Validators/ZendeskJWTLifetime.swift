import AuthBridgeJWT

/// Checks that a token does not live longer than allowed: `exp - iat` when both are present, else
/// `exp - now`.
enum ZendeskJWTLifetime {
    static func check(_ claims: JWTClaims, maximum: Duration, leeway: Duration, now: Double) throws(ZendeskError) {
        guard let exp = claims.expiresAt else { return }
        let start = claims.issuedAt ?? now
        let allowed = Self.seconds(maximum) + Self.seconds(leeway)
        if exp - start > allowed {
            throw ZendeskError(
                .invalidClaims,
                "the token lives \(Int(exp - start)) s, longer than the \(Int(Self.seconds(maximum))) s allowed",
                field: "exp"
            )
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
