@testable import AuthBridgeOIDC
import Testing

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

    @Test("one draw gives a code and a verifier: 43 base64url characters each, never equal, never repeated")
    func pairs() throws {
        var seen = Set<String>()
        for _ in 0..<200 {
            let (code, verifier) = try OpaqueToken.makePair(withVerifier: true)
            let unwrapped = try #require(verifier)
            for token in [code, unwrapped] {
                #expect(token.utf8.count == 43)
                #expect(PKCE.isValidVerifier(token))
                #expect(seen.insert(token).inserted)
            }
        }
        let alone = try OpaqueToken.makePair(withVerifier: false)
        #expect(alone.verifier == nil && alone.code.utf8.count == 43)
    }
}
