/// Redis Cluster's key-to-slot rule: CRC16 (XMODEM) of the key, or of its hash tag, modulo 16384.
///
/// The hash tag is the text between the first `{` and the first `}` after it, when not empty; keys
/// with the same tag share a slot, which is what lets one Lua script touch several of them.
enum RedisHashSlot {
    /// The number of slots in every Redis Cluster.
    static let count = 16_384

    /// The slot `key` belongs to.
    static func slot(of key: some Collection<UInt8>) -> Int {
        Int(crc16(hashedPart(of: key)) & 0x3FFF)
    }

    /// The part of `key` that is hashed: its tag, or the whole key.
    static func hashedPart<Key: Collection<UInt8>>(of key: Key) -> Key.SubSequence {
        guard let open = key.firstIndex(of: UInt8(ascii: "{")) else { return key[...] }
        let afterOpen = key.index(after: open)
        guard let close = key[afterOpen...].firstIndex(of: UInt8(ascii: "}")), close != afterOpen else { return key[...] }
        return key[afterOpen..<close]
    }

    /// CRC-16/XMODEM (polynomial 0x1021, initial 0), as Redis's `crc16.c`.
    static func crc16(_ bytes: some Sequence<UInt8>) -> UInt16 {
        var crc: UInt16 = 0
        for byte in bytes {
            crc ^= UInt16(byte) << 8
            for _ in 0..<8 {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1
            }
        }
        return crc
    }
}
