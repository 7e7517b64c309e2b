import AuthBridgeCore
import AuthBridgeJWT

/// Secrets and signing helpers for validator tests. The wall clock is fixed at `now`.
enum TestJWT {
    static let now: Double = 1_764_064_800
    static let clock = JWTClock.fixed(now)
    static let secretA = "messaging-secret-A-0123456789abcdef0123456789"
    static let secretB = "messaging-secret-B-0123456789abcdef0123456789"
    static let keyA = "app_0123456789abcdef01234567"
    static let keyB = "app_89abcdef0123456789abcdef"

    static func sign(
        _ claims: JSONObject,
        secret: String = secretA,
        keyID: String? = keyA,
        algorithm: JWSAlgorithm = .hs256
    ) -> Secret {
        do {
            let key = try JWTKey.hmac(secret: Array(secret.utf8), algorithm: algorithm, keyID: keyID)
            return Secret(try JWTSigner(key: key, algorithm: algorithm).sign(claims))
        } catch {
            return Secret("signing failed: \(error)")
        }
    }

    static func messagingClaims(_ extra: JSONObject = [:], removing: Set<String> = []) -> JSONObject {
        var claims: JSONObject = [
            "scope": "user",
            "external_id": "customer-42",
            "name": "Ada Visitor",
            "email": "ada@example.com",
            "email_verified": true,
            "iat": .number(now - 10),
            "exp": .number(now + 600),
        ]
        for (name, value) in extra { claims[name] = value }
        for name in removing { claims[name] = nil }
        return claims
    }
}
