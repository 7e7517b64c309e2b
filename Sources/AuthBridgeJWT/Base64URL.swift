/// Strict RFC 7515 base64url without padding.
///
/// Decoding rejects `=`, `+`, `/`, whitespace, a dangling single character and non-zero trailing bits, so a
/// token has exactly one encoding (no malleable signatures or headers).
package enum Base64URL {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// 0xFF marks a byte outside the alphabet.
    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in alphabet.enumerated() { table[Int(byte)] = UInt8(index) }
        return table
    }()

    package static func encode(_ bytes: some Collection<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        Self.encode(bytes, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func encode(_ bytes: some Collection<UInt8>, into out: inout [UInt8]) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in Self.encode(buffer, into: &out) }
        if done == nil { Array(bytes).withUnsafeBufferPointer { Self.encode($0, into: &out) } }
    }

    private static func encode(_ input: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        let count = input.count
        let start = out.count
        let added = count / 3 * 4 + [0, 2, 3][count % 3]
        out.append(contentsOf: repeatElement(0, count: added))
        alphabet.withUnsafeBufferPointer { table in
            out.withUnsafeMutableBufferPointer { output in
                var index = 0
                var written = start
                while index + 3 <= count {
                    let b0 = input[index], b1 = input[index + 1], b2 = input[index + 2]
                    output[written] = table[Int(b0 >> 2)]
                    output[written + 1] = table[Int((b0 & 0x03) << 4 | b1 >> 4)]
                    output[written + 2] = table[Int((b1 & 0x0F) << 2 | b2 >> 6)]
                    output[written + 3] = table[Int(b2 & 0x3F)]
                    index += 3
                    written += 4
                }
                switch count - index {
                case 1:
                    let b0 = input[index]
                    output[written] = table[Int(b0 >> 2)]
                    output[written + 1] = table[Int((b0 & 0x03) << 4)]
                case 2:
                    let b0 = input[index], b1 = input[index + 1]
                    output[written] = table[Int(b0 >> 2)]
                    output[written + 1] = table[Int((b0 & 0x03) << 4 | b1 >> 4)]
                    output[written + 2] = table[Int((b1 & 0x0F) << 2)]
                default:
                    break
                }
            }
        }
    }

    /// Decodes strictly; `nil` for anything that is not canonical unpadded base64url.
    static func decode(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        let count = input.count
        let remainder = count % 4
        if remainder == 1 { return nil }
        let outputCount = count / 4 * 3 + (remainder == 0 ? 0 : remainder - 1)
        var ok = true
        let out = decodeTable.withUnsafeBufferPointer { table in
            [UInt8](unsafeUninitializedCapacity: outputCount) { out, initialized in
                // Writes every byte before returning, valid input or not, so the buffer is always initialised.
                var index = 0
                var written = 0
                var invalid: UInt8 = 0
                while index + 4 <= count {
                    let a = table[Int(input[index])], b = table[Int(input[index + 1])]
                    let c = table[Int(input[index + 2])], d = table[Int(input[index + 3])]
                    invalid |= a | b | c | d
                    out[written] = (a << 2) | (b >> 4)
                    out[written + 1] = (b << 4) | (c >> 2)
                    out[written + 2] = (c << 6) | d
                    index += 4
                    written += 3
                }
                if remainder >= 2 {
                    let a = table[Int(input[index])], b = table[Int(input[index + 1])]
                    let c = remainder == 3 ? table[Int(input[index + 2])] : 0
                    invalid |= a | b | c
                    out[written] = (a << 2) | (b >> 4)
                    if remainder == 3 {
                        out[written + 1] = (b << 4) | (c >> 2)
                        // Canonical form: the unused low bits of the last character are zero.
                        if c & 0x03 != 0 { invalid = 0xFF }
                    } else if b & 0x0F != 0 {
                        invalid = 0xFF
                    }
                }
                // The table maps every non-alphabet byte to 0xFF, which has bits no alphabet value has.
                ok = invalid & 0xC0 == 0
                initialized = outputCount
            }
        }
        return ok ? out : nil
    }

    package static func decode(_ string: String) -> [UInt8]? {
        var string = string
        return string.withUTF8 { decode($0) }
    }
}
