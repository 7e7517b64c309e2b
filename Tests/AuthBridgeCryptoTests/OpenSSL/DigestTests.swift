import AuthBridgeCrypto
import Testing

@Suite struct DigestTests {
    /// FIPS 180 vectors: SHA-1 names Redis's scripts, so a wrong one would send every script twice.
    @Test func sha1MatchesFIPS180Vectors() throws {
        #expect(try Digest.sha1Hex([]) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(try Digest.sha1Hex(Array("abc".utf8)) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(
            try Digest.sha1Hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "84983e441c3bd26ebaae4aa1f95129e5e54670f1"
        )
        #expect(try Digest.sha1Hex(Array(repeating: UInt8(ascii: "a"), count: 1_000_000)) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
    }

    @Test func sha256MatchesFIPS180VectorsInBothForms() throws {
        let abc = Hex.bytes("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(try Digest.sha256Hash(Array("abc".utf8)) == abc)
        #expect(try Digest.sha256Base64URL(of: "abc") == Base64URL.encode(abc))
        #expect(try Digest.sha256Base64URL(of: "abc", prefix: "code:") == "code:" + Base64URL.encode(abc))
    }

    @Test func randomBytesAreFreshEachTime() throws {
        let first = try SecureRandom.bytes(32)
        let second = try SecureRandom.bytes(32)
        #expect(first.count == 32)
        #expect(first != second)
    }
}
