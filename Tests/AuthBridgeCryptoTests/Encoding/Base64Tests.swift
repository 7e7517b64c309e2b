import AuthBridgeCrypto
import Testing

@Suite struct Base64Tests {
    /// RFC 4648 §10: standard base64 (HTTP Basic credentials), padded.
    @Test(arguments: [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")])
    func base64MatchesRFC4648(input: String, expected: String) {
        #expect(Base64.encode(Array(input.utf8)) == expected)
    }

    /// The same vectors in base64url: no padding, and strict decoding round-trips them.
    @Test(arguments: [("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy")])
    func base64URLMatchesRFC4648WithoutPadding(input: String, expected: String) {
        #expect(Base64URL.encode(Array(input.utf8)) == expected)
        #expect(Base64URL.decode(expected) == Array(input.utf8))
    }

    @Test func base64URLRefusesPaddingAndTheStandardAlphabet() {
        #expect(Base64URL.decode("Zg==") == nil)
        #expect(Base64URL.decode("+/8") == nil)
        #expect(Base64URL.decode("Z") == nil)
        #expect(Base64URL.decode("-_8") == [0xFB, 0xFF])
    }
}
