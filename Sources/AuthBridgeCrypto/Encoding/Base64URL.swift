/// Strict RFC 7515 base64url without padding.
///
/// Decoding rejects `=`, `+`, `/`, whitespace, a dangling single character and non-zero trailing bits, so a
/// token has exactly one encoding (no malleable signatures or headers).
package enum Base64URL {
    private static let alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Four 256-entry tables, one per position in a group of four characters, holding each character's
    /// six bits already shifted into place in a 24-bit group, so a group decodes with four loads and three
    /// ORs. A byte outside the alphabet maps to 0xFF00_0000, bits no valid group has.
    private static let decodeTable: [UInt32] = {
        var table = [UInt32](repeating: 0xFF00_0000, count: 4 * 256)
        for (value, byte) in alphabet.enumerated() {
            for position in 0..<4 { table[position * 256 + Int(byte)] = UInt32(value) << (18 - 6 * position) }
        }
        return table
    }()

    package static func encode(_ bytes: some Collection<UInt8>) -> String {
        // Straight into the string's storage: one allocation, not an array and then a string.
        let encoded = bytes.withContiguousStorageIfAvailable { input in
            String(unsafeUninitializedCapacity: Self.encodedCount(input.count)) { output in Self.encode(input, to: output) }
        }
        return encoded ?? Self.encode(Array(bytes))
    }

    package static func encode(_ bytes: some Collection<UInt8>, into out: inout [UInt8]) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in Self.encode(buffer, into: &out) }
        if done == nil { Array(bytes).withUnsafeBufferPointer { Self.encode($0, into: &out) } }
    }

    /// Every pair of output characters for a 12-bit value, so three input bytes encode with two loads.
    private static let pairTable: [UInt16] = {
        var table = [UInt16](repeating: 0, count: 4096)
        for value in 0..<4096 {
            // The first character in the low byte: stored little-endian, it comes first.
            table[value] = UInt16(alphabet[value >> 6]) | UInt16(alphabet[value & 0x3F]) << 8
        }
        return table
    }()

    /// The number of characters `count` bytes encode to.
    package static func encodedCount(_ count: Int) -> Int { count / 3 * 4 + [0, 2, 3][count % 3] }

    private static func encode(_ input: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        let start = out.count
        let added = encodedCount(input.count)
        out.append(contentsOf: repeatElement(0, count: added))
        out.withUnsafeMutableBufferPointer { output in
            _ = encode(input, to: UnsafeMutableBufferPointer(rebasing: output[start...]))
        }
    }

    /// Encodes `input` at the start of `output` (at least ``encodedCount(_:)`` bytes) and returns the
    /// number of characters written.
    package static func encode(_ input: UnsafeBufferPointer<UInt8>, to output: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let count = input.count
        let added = encodedCount(count)
        precondition(output.count >= added, "base64url output buffer too small")
        return alphabet.withUnsafeBufferPointer { table in
            pairTable.withUnsafeBufferPointer { pairs in
                var index = 0
                var written = 0
                let raw = UnsafeMutableRawPointer(output.baseAddress)
                // Indices stay below count, so wrapping arithmetic cannot wrap; it drops the overflow
                // checks from the inner loop.
                while index &+ 3 <= count {
                    let group = Int(input[index]) << 16 | Int(input[index &+ 1]) << 8 | Int(input[index &+ 2])
                    let four = UInt32(pairs[group >> 12]) | UInt32(pairs[group & 0xFFF]) << 16
                    raw?.storeBytes(of: four.littleEndian, toByteOffset: written, as: UInt32.self)
                    index &+= 3
                    written &+= 4
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
                return added
            }
        }
    }

    /// Decodes strictly; `nil` for anything that is not canonical unpadded base64url.
    package static func decode(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard let outputCount = decodedCount(input.count) else { return nil }
        var ok = true
        let out = [UInt8](unsafeUninitializedCapacity: outputCount) { out, initialized in
            // Writes every byte before returning, valid input or not, so the buffer is always initialised.
            ok = decode(input, into: out) != nil
            initialized = outputCount
        }
        return ok ? out : nil
    }

    /// Decodes strictly into `out` (at least `input.count / 4 * 3 + 2` bytes) and returns the length;
    /// `nil` for anything that is not canonical unpadded base64url.
    package static func decode(_ input: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        let count = input.count
        let remainder = count % 4
        guard let outputCount = decodedCount(count), out.count >= outputCount else { return nil }
        let ok = decodeTable.withUnsafeBufferPointer { table in
            var index = 0
            var written = 0
            var invalid: UInt32 = 0
            // Indices stay below count: wrapping arithmetic cannot wrap, and drops the overflow checks.
            while index &+ 4 <= count {
                let group =
                    table[Int(input[index])] | table[256 &+ Int(input[index &+ 1])]
                    | table[512 &+ Int(input[index &+ 2])] | table[768 &+ Int(input[index &+ 3])]
                invalid |= group
                out[written] = UInt8(truncatingIfNeeded: group >> 16)
                out[written &+ 1] = UInt8(truncatingIfNeeded: group >> 8)
                out[written &+ 2] = UInt8(truncatingIfNeeded: group)
                index &+= 4
                written &+= 3
            }
            if remainder >= 2 {
                var group = table[Int(input[index])] | table[256 + Int(input[index + 1])]
                if remainder == 3 { group |= table[512 + Int(input[index + 2])] }
                invalid |= group
                out[written] = UInt8(truncatingIfNeeded: group >> 16)
                if remainder == 3 {
                    out[written + 1] = UInt8(truncatingIfNeeded: group >> 8)
                    // Canonical form: the unused low bits of the last character are zero.
                    if group & 0xFF != 0 { invalid |= 0xFF00_0000 }
                } else if group & 0xFFFF != 0 {
                    invalid |= 0xFF00_0000
                }
            }
            return invalid & 0xFF00_0000 == 0
        }
        return ok ? outputCount : nil
    }

    /// The decoded length of `count` base64url characters; nil for an impossible length.
    private static func decodedCount(_ count: Int) -> Int? {
        let remainder = count % 4
        if remainder == 1 { return nil }
        return count / 4 * 3 + (remainder == 0 ? 0 : remainder - 1)
    }

    package static func decode(_ string: String) -> [UInt8]? {
        var string = string
        return string.withUTF8 { decode($0) }
    }
}
