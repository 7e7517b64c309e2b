/// Standard base64 (RFC 4648 §4, padded), for HTTP Basic credentials in every adapter, without Foundation.
package enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    package static func encode<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        let input = Array(bytes)
        var out = [UInt8]()
        out.reserveCapacity((input.count + 2) / 3 * 4)
        var index = 0
        while index + 2 < input.count {
            let chunk = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
            for shift in [18, 12, 6, 0] { out.append(Self.alphabet[Int(chunk >> UInt32(shift) & 0x3F)]) }
            index += 3
        }
        let rest = input.count - index
        if rest == 1 {
            let chunk = UInt32(input[index]) << 16
            out += [Self.alphabet[Int(chunk >> 18 & 0x3F)], Self.alphabet[Int(chunk >> 12 & 0x3F)], 61, 61]
        } else if rest == 2 {
            let chunk = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8
            out += [
                Self.alphabet[Int(chunk >> 18 & 0x3F)], Self.alphabet[Int(chunk >> 12 & 0x3F)],
                Self.alphabet[Int(chunk >> 6 & 0x3F)], 61,
            ]
        }
        return String(decoding: out, as: UTF8.self)
    }
}
