import Testing

@testable import AuthBridgeOIDC

@Suite("Opaque tokens: codes, verifiers and the keys stores see")
struct OpaqueTokenTests {
    @Test("a store key is the kind, a colon and the base64url SHA-256 of the token")
    func storeKey() throws {
        // SHA-256("abc") from FIPS 180-2, in base64url.
        #expect(try OpaqueToken.key(for: "abc", kind: "code") == "code:ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0")
        #expect(try OpaqueToken.key(for: "", kind: "refresh") == "refresh:47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU")
        // RFC 7636 appendix B.
        #expect(try PKCE.challenge(for: OIDCFixture.verifier) == OIDCFixture.challenge)
    }

    @Test("codes and verifiers: 43 base64url characters each, never equal, never repeated")
    func pairs() throws {
        var seen = Set<String>()
        for _ in 0..<200 {
            let (code, verifier) = try OpaqueToken.makeCodeAndVerifier()
            for token in [code, verifier, try OpaqueToken.make()] {
                #expect(token.utf8.count == 43)
                #expect(PKCE.isValidVerifier(token))
                #expect(seen.insert(token).inserted)
            }
        }
    }
}
