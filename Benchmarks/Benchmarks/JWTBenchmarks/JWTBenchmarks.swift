import AuthBridgeJWT
import Benchmark
import Foundation
import JWTKit

// Sign and verify of one typical ~330-byte-payload token per algorithm family, AuthBridgeJWT and
// vapor/jwt-kit side by side on the same keys and claims, so the ratio is measured in one run.
// AuthBridge's verify includes the claim checks (exp, iss, aud, required claims, typ); jwt-kit's
// decodes the Codable payload and checks exp. "primitive" is the bare libcrypto work inside each
// (PrimitiveFloor): the floor AuthBridge's overhead is measured against, in the same run.

let claims: JSONObject = [
    "iss": "https://acme.zendesk.com", "sub": "customer-4711", "aud": "authbridge",
    "external_id": "customer-4711", "name": "Ada Lovelace", "email": "ada.lovelace@example.com",
    "email_verified": true, "scope": "user", "jti": "7f9c2ba4-e88f-4dd6-9f0a-5b9a0c1d2e3f",
    "iat": 1_750_000_000, "exp": 4_102_444_800, "department": "billing", "locale": "en-GB",
]

// swift-format-ignore: AlwaysUseLowerCamelCase
// Zendesk's claim names, decoded as they are (jwt-kit's payload, the peer measured).
struct ZendeskPayload: JWTPayload {
    let iss: String, sub: String, aud: String, external_id: String, name: String, email: String
    let email_verified: Bool, scope: String, jti: String, iat: Int, exp: ExpirationClaim
    let department: String, locale: String

    func verify(using algorithm: some JWTAlgorithm) async throws { try self.exp.verifyNotExpired() }
}

let payload = ZendeskPayload(
    iss: "https://acme.zendesk.com", sub: "customer-4711", aud: "authbridge", external_id: "customer-4711",
    name: "Ada Lovelace", email: "ada.lovelace@example.com", email_verified: true, scope: "user",
    jti: "7f9c2ba4-e88f-4dd6-9f0a-5b9a0c1d2e3f", iat: 1_750_000_000,
    exp: ExpirationClaim(value: Date(timeIntervalSince1970: 4_102_444_800)), department: "billing", locale: "en-GB"
)

let hmacSecret = "0123456789abcdef0123456789abcdef"

/// Our key and the same key registered in a jwt-kit collection.
struct Pair: Sendable {
    let signer: JWTSigner
    let verifier: JWTVerifier
    let token: String
    let peer: JWTKit.JWTKeyCollection
    let peerToken: String
}

func makePair(_ algorithm: JWSAlgorithm) async throws -> Pair {
    let kid = "bench-\(algorithm.name)"
    let key: JWTKey
    let peer = JWTKit.JWTKeyCollection()
    let peerKID = JWKIdentifier(string: kid)
    switch algorithm {
    case .hs256:
        key = try JWTKey.hmac(secret: Array(hmacSecret.utf8), algorithm: .hs256, keyID: kid)
        await peer.add(hmac: HMACKey(from: hmacSecret), digestAlgorithm: .sha256, kid: peerKID)
    case .rs256:
        key = try JWTKey.generate(for: .rs256, keyID: kid)
        await peer.add(rsa: try Insecure.RSA.PrivateKey(pem: key.privateKeyPEM()), digestAlgorithm: .sha256, kid: peerKID)
    case .ps256:
        key = try JWTKey.generate(for: .ps256, keyID: kid)
        await peer.add(pss: try Insecure.RSA.PrivateKey(pem: key.privateKeyPEM()), digestAlgorithm: .sha256, kid: peerKID)
    case .es256:
        key = try JWTKey.generate(for: .es256, keyID: kid)
        await peer.add(ecdsa: try ES256PrivateKey(pem: key.privateKeyPEM()), kid: peerKID)
    default:
        key = try JWTKey.generate(for: .edDSA, keyID: kid)
        await peer.add(eddsa: try EdDSA.PrivateKey(pem: key.privateKeyPEM()), kid: peerKID)
    }
    let verifyKey = algorithm == .hs256 ? key : try key.publicKey()
    let verifier = JWTVerifier(
        keys: try AuthBridgeJWT.JWTKeyCollection(keys: [verifyKey]),
        options: JWTValidationOptions(issuer: "https://acme.zendesk.com", audience: "authbridge", requiredClaims: ["exp", "external_id"])
    )
    let signer = try JWTSigner(key: key)
    return Pair(
        signer: signer,
        verifier: verifier,
        token: try signer.sign(claims),
        peer: peer,
        peerToken: try await peer.sign(payload, kid: peerKID)
    )
}

func makeFloor(_ algorithm: JWSAlgorithm, signing: Bool) async throws -> PrimitiveFloor {
    let pair = try await makePair(algorithm)
    return try PrimitiveFloor(
        algorithm: algorithm, token: pair.token, key: pair.signer.key, hmacSecret: Array(hmacSecret.utf8), signing: signing
    )
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput],
        timeUnits: .nanoseconds,
        warmupIterations: 20,
        maxDuration: .seconds(2),
        maxIterations: 100_000
    )

    for algorithm in [JWSAlgorithm.hs256, .rs256, .ps256, .es256, .edDSA] {
        let name = algorithm.name
        Benchmark(
            "AuthBridgeJWT verify \(name)",
            closure: { benchmark, pair in
                for _ in benchmark.scaledIterations { blackHole(try? pair.verifier.verify(pair.token)) }
            }, setup: { try await makePair(algorithm) })
        Benchmark(
            "jwt-kit verify \(name)",
            closure: { benchmark, pair in
                for _ in benchmark.scaledIterations { blackHole(try? await pair.peer.verify(pair.peerToken, as: ZendeskPayload.self)) }
            }, setup: { try await makePair(algorithm) })
        Benchmark(
            "primitive verify \(name)",
            closure: { benchmark, floor in
                for _ in benchmark.scaledIterations { blackHole(floor.run()) }
            }, setup: { try await makeFloor(algorithm, signing: false) })
        Benchmark(
            "AuthBridgeJWT sign \(name)",
            closure: { benchmark, pair in
                for _ in benchmark.scaledIterations { blackHole(try? pair.signer.sign(claims)) }
            }, setup: { try await makePair(algorithm) })
        Benchmark(
            "primitive sign \(name)",
            closure: { benchmark, floor in
                for _ in benchmark.scaledIterations { blackHole(floor.run()) }
            }, setup: { try await makeFloor(algorithm, signing: true) })
        Benchmark(
            "jwt-kit sign \(name)",
            closure: { benchmark, pair in
                for _ in benchmark.scaledIterations { blackHole(try? await pair.peer.sign(payload, kid: JWKIdentifier(string: "bench-\(name)"))) }
            }, setup: { try await makePair(algorithm) })
    }
}
