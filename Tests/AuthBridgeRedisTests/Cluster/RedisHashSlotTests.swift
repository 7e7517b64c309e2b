import Testing

@testable import AuthBridgeRedis

@Suite struct RedisHashSlotTests {
    @Test func crc16IsXmodem() {
        // The check value of CRC-16/XMODEM, and the one Redis's cluster specification quotes.
        #expect(RedisHashSlot.crc16(Array("123456789".utf8)) == 0x31C3)
    }

    @Test func slotsMatchTheClusterSpecification() {
        #expect(RedisHashSlot.slot(of: Array("foo".utf8)) == 12_182)
        #expect(RedisHashSlot.slot(of: Array("somekey".utf8)) == 11_058)
        // The specification's hash tag examples.
        let following = RedisHashSlot.slot(of: Array("{user1000}.following".utf8))
        #expect(following == RedisHashSlot.slot(of: Array("{user1000}.followers".utf8)))
        #expect(following == RedisHashSlot.slot(of: Array("user1000".utf8)))
        #expect(Array(RedisHashSlot.hashedPart(of: Array("foo{}{bar}".utf8))) == Array("foo{}{bar}".utf8))
        #expect(Array(RedisHashSlot.hashedPart(of: Array("foo{{bar}}zap".utf8))) == Array("{bar".utf8))
        #expect(Array(RedisHashSlot.hashedPart(of: Array("foo{bar}{zap}".utf8))) == Array("bar".utf8))
        #expect(Array(RedisHashSlot.hashedPart(of: Array("no-close{tag".utf8))) == Array("no-close{tag".utf8))
    }

    @Test func theRefreshStoresKeysShareOneSlot() {
        let slots = ["authbridge:{refresh}:key:a", "authbridge:{refresh}:family:f", "authbridge:{refresh}:subject:s"].map {
            RedisHashSlot.slot(of: Array($0.utf8))
        }
        #expect(Set(slots).count == 1)
    }
}
