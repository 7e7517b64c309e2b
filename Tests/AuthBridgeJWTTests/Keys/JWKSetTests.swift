import AuthBridgeCrypto
import Testing

@testable import AuthBridgeJWT

@Suite("JWK Sets: parse, serialize, limits")
struct JWKSetTests {
    @Test("a set of every key type serializes and parses back to the same usable keys")
    func roundTrip() throws {
        let keys = try [JWSAlgorithm.rs256, .ps384, .es256, .es384, .es512, .edDSA].map { try JWTKey.generate(for: $0, keyID: "k-\($0.name)") }
        let set = JWKSet(keys: try keys.map { try $0.jwk() })
        let parsed = try JWKSet(json: set.serialized)
        #expect(parsed == set && parsed.keys.count == keys.count && parsed.ignoredKeyIDs.isEmpty)
        let collection = try JWTKeyCollection(jwks: parsed)
        #expect(collection.keyIDs == keys.compactMap(\.keyID).sorted())
        for key in keys {
            let token = try JWTSigner(key: key).sign(["exp": 4_000_000_000])
            #expect(throws: Never.self) { try JWTVerifier(keys: collection).verify(token) }
        }
        // Public JWKs carry no private members.
        for jwk in parsed.keys { #expect(jwk.members["d"] == nil && jwk.members["p"] == nil) }
    }

    @Test("limits: document size, key count, kid length, RSA modulus size")
    func limits() throws {
        let jwk = try JWTKey.generate(for: .es256, keyID: "k").jwk().serialized
        let many = "{\"keys\":[" + Array(repeating: jwk, count: 33).joined(separator: ",") + "]}"
        #expect(JWTVerifierTests.error { _ = try JWKSet(json: many) }?.code == .tokenTooLarge)
        var small = JWTLimits()
        small.maximumKeySetBytes = 100
        #expect(JWTVerifierTests.error { _ = try JWKSet(json: "{\"keys\":[" + jwk + "]}", limits: small) }?.code == .tokenTooLarge)
        let longKID = String(repeating: "k", count: 257)
        #expect(JWTVerifierTests.error { _ = try JWTKey.hmac(secret: Array(repeating: 1, count: 32), keyID: longKID) }?.code == .invalidKey)
        // An RSA modulus over 16384 bits is refused before libcrypto sees it.
        let hugeModulus = [UInt8](repeating: 0xFF, count: 2049)
        let huge = #"{"kty":"RSA","n":"\#(Base64URL.encode(hugeModulus))","e":"AQAB"}"#
        let hugeError = JWTVerifierTests.error { _ = try JWTKey(jwk: JWK(json: huge)) }
        #expect(hugeError?.code == .invalidKey && hugeError?.reason.contains("16384") == true)
        // Elements that are not objects, or a JWK without kty, are malformed sets.
        for bad in [#"{"keys":[1]}"#, #"{"keys":[{"kid":"x"}]}"#, #"{"keys":"x"}"#, "[]"] {
            do {
                _ = try JWKSet(json: bad)
                Issue.record("accepted \(bad)")
            } catch {
                #expect(error.code == .malformed, "\(bad)")
            }
        }
    }

    @Test("sets mixing secrets and public keys, or sharing a kid, are refused as ambiguous unless allowed")
    func ambiguity() throws {
        let secret = try JWTKey.hmac(secret: Array(repeating: 9, count: 32), keyID: "a").jwk(includingPrivateMembers: true)
        let ec = try JWTKey.generate(for: .es256, keyID: "b").jwk()
        let mixed = JWKSet(keys: [secret, ec])
        #expect(throws: JWTError.self) { try JWTKeyCollection(jwks: mixed) }
        #expect(try JWTKeyCollection(jwks: mixed, allowsMixedKeyKinds: true).count == 2)
        let twin = try JWTKey.generate(for: .es256, keyID: "b").jwk()
        #expect(throws: JWTError.self) { try JWTKeyCollection(jwks: JWKSet(keys: [ec, twin])) }
    }
}
