import AuthBridgeCrypto
import Testing

@Suite struct SessionSealingTests {
    // McGrew & Viega, "The Galois/Counter Mode of Operation", test case 16 (AES-256 with AAD).
    static let key = Hex.bytes("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308")
    static let plaintext = Hex.bytes(
        "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39"
    )
    static let aad = Hex.bytes("feedfacedeadbeeffeedfacedeadbeefabaddad2")
    static let sealed = Hex.bytes(
        "cafebabefacedbaddecaf888"
            + "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
            + "76fc6ece0f4e1768cddf8853bb2d551b"
    )

    @Test func opensTheGCMSpecVector() throws {
        #expect(try SessionSealing.open(Self.sealed, key: Self.key, additionalData: Self.aad) == Self.plaintext)
    }

    @Test func sealThenOpenRoundTripsWithFreshNonces() throws {
        let first = try SessionSealing.seal(Self.plaintext, key: Self.key, additionalData: Self.aad)
        let second = try SessionSealing.seal(Self.plaintext, key: Self.key, additionalData: Self.aad)
        #expect(first != second)
        #expect(try SessionSealing.open(first, key: Self.key, additionalData: Self.aad) == Self.plaintext)
        #expect(try SessionSealing.open(try SessionSealing.seal([], key: Self.key, additionalData: []), key: Self.key, additionalData: []) == [])
    }

    @Test func anyChangeFailsToOpen() throws {
        var flipped = Self.sealed
        flipped[20] ^= 1
        #expect(throws: CryptoError.self) { try SessionSealing.open(flipped, key: Self.key, additionalData: Self.aad) }
        #expect(throws: CryptoError.self) { try SessionSealing.open(Self.sealed, key: Self.key, additionalData: []) }
        var otherKey = Self.key
        otherKey[0] ^= 1
        #expect(throws: CryptoError.self) { try SessionSealing.open(Self.sealed, key: otherKey, additionalData: Self.aad) }
        #expect(throws: CryptoError.self) { try SessionSealing.open(Array(Self.sealed.prefix(27)), key: Self.key, additionalData: Self.aad) }
        #expect(throws: CryptoError.self) { try SessionSealing.seal([1], key: [1, 2, 3], additionalData: []) }
    }

    @Test func hmacMatchesTheKnownAnswer() throws {
        let mac = try SessionSealing.hmacSHA256(key: Array("key".utf8), message: Array("The quick brown fox jumps over the lazy dog".utf8))
        #expect(mac == Hex.bytes("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"))
    }
}
