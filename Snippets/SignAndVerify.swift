// Signing and verifying a JWT with AuthBridgeJWT: the README's example, compiled.
import AuthBridgeJWT

// snippet.hide
let secretBytes = Array("a-shared-secret-of-at-least-32-bytes!!".utf8)
func signAndVerify() throws {
    // snippet.show
    let key = try JWTKey.hmac(secret: Array(secretBytes), algorithm: .hs256, keyID: "app_123")
    let token = try JWTSigner(key: key).sign(["external_id": "customer-42", "scope": "user", "exp": .number(1_900_000_000)])
    let verifier = JWTVerifier(
        keys: try JWTKeyCollection(keys: [key]),
        options: JWTValidationOptions(leeway: .seconds(60), requiredClaims: ["exp", "external_id"])
    )
    let verified = try verifier.verify(token)  // throws a typed JWTError: expired, badSignature, …
    // snippet.hide
    _ = verified
}
