/// Converts ECDSA signatures between JOSE's fixed-length R‖S and the DER `SEQUENCE { r, s }` that
/// libcrypto speaks, without big-number allocations.
enum ECDSASignature {
    /// R‖S → DER, after checking the length is exactly 2L and 1 ≤ r, s < n (psychic signatures,
    /// CVE-2022-21449, are refused here before libcrypto sees them).
    static func der(fromRaw raw: UnsafeBufferPointer<UInt8>, curve: ECCurve) -> [UInt8]? {
        let length = curve.coordinateLength
        guard raw.count == 2 * length else { return nil }
        let r = UnsafeBufferPointer(rebasing: raw[0..<length])
        let s = UnsafeBufferPointer(rebasing: raw[length..<(2 * length)])
        let order = curve.order
        guard isInRange(r, order: order), isInRange(s, order: order) else { return nil }
        let rInteger = integer(r), sInteger = integer(s)
        var out: [UInt8] = [0x30]
        appendLength(rInteger.count + sInteger.count, to: &out)
        out += rInteger
        out += sInteger
        return out
    }

    /// DER → R‖S, each left-padded to L.
    static func raw(fromDER der: [UInt8], curve: ECCurve) -> [UInt8]? {
        var index = 0
        guard der.count > 2, der[index] == 0x30 else { return nil }
        index += 1
        guard let total = readLength(der, &index), index + total == der.count else { return nil }
        let length = curve.coordinateLength
        var out: [UInt8] = []
        out.reserveCapacity(2 * length)
        for _ in 0..<2 {
            guard index < der.count, der[index] == 0x02 else { return nil }
            index += 1
            guard let count = readLength(der, &index), count > 0, index + count <= der.count else { return nil }
            let value = der[index..<(index + count)].drop(while: { $0 == 0 })
            index += count
            guard value.count <= length else { return nil }
            out += [UInt8](repeating: 0, count: length - value.count)
            out += value
        }
        return out
    }

    private static func isInRange(_ value: UnsafeBufferPointer<UInt8>, order: [UInt8]) -> Bool {
        var isZero = true
        for byte in value where byte != 0 { isZero = false; break }
        if isZero { return false }
        for (a, b) in zip(value, order) where a != b { return a < b }
        return false
    }

    private static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var start = 0
        while start < bytes.count - 1, bytes[start] == 0 { start += 1 }
        var content = Array(bytes[start...])
        if content[0] & 0x80 != 0 { content.insert(0, at: 0) }
        var out: [UInt8] = [0x02]
        appendLength(content.count, to: &out)
        return out + content
    }

    private static func appendLength(_ length: Int, to out: inout [UInt8]) {
        if length < 0x80 {
            out.append(UInt8(length))
        } else if length < 0x100 {
            out += [0x81, UInt8(length)]
        } else {
            out += [0x82, UInt8(length >> 8), UInt8(length & 0xFF)]
        }
    }

    private static func readLength(_ der: [UInt8], _ index: inout Int) -> Int? {
        guard index < der.count else { return nil }
        let first = der[index]
        index += 1
        if first < 0x80 { return Int(first) }
        let count = Int(first & 0x7F)
        guard count >= 1, count <= 2, index + count <= der.count else { return nil }
        var length = 0
        for _ in 0..<count {
            length = length << 8 | Int(der[index])
            index += 1
        }
        return length
    }
}
