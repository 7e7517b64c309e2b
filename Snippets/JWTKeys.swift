// Keys and verifiers: AuthBridgeJWT's examples, compiled.
import AuthBridgeJWT

// snippet.hide
func keys(secret: [UInt8], publicPEM: String, token: String) throws {
    // snippet.show
    let key = try JWTKey.hmac(secret: secret, algorithm: .hs256, keyID: "app_123")
    let verifier = JWTVerifier(
        keys: try JWTKeyCollection(keys: [key]),
        options: JWTValidationOptions(issuer: "https://acme.zendesk.com", requiredClaims: ["exp", "external_id"])
    )
    let verified = try verifier.verify(token)  // throws JWTError
    let rsa = try JWTKey(pem: publicPEM, algorithm: .rs256, keyID: "genesys-1")
    // snippet.hide
    _ = (verified, rsa)
}
