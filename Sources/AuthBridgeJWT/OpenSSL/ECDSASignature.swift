/// Converts ECDSA signatures between JOSE's fixed-length R‖S and the DER `SEQUENCE { r, s }` that
/// libcrypto speaks, without big-number or intermediate array allocations.
enum ECDSASignature {
    /// The longest DER signature of any supported curve (P-521: 2 × (2 + 1 + 66) + 3 = 141), rounded up.
    static let maximumDERLength = 144

    /// R‖S → DER in `out` (at least ``maximumDERLength`` bytes), returning its length, after checking the
    /// length is exactly 2L and 1 ≤ r, s < n (psychic signatures, CVE-2022-21449, are refused here before
    /// libcrypto sees them). Nil when the signature is refused.
    static func der(fromRaw raw: UnsafeBufferPointer<UInt8>, curve: ECCurve, into out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        let length = curve.coordinateLength
        guard raw.count == 2 * length else { return nil }
        let r = UnsafeBufferPointer(rebasing: raw[0..<length])
        let s = UnsafeBufferPointer(rebasing: raw[length..<(2 * length)])
        let inRange = curve.order.withUnsafeBufferPointer { order in isInRange(r, order: order) && isInRange(s, order: order) }
        guard inRange else { return nil }
        let rLength = integerLength(r), sLength = integerLength(s)
        let contentLength = rLength + sLength
        var index = 0
        out[index] = 0x30
        index += 1
        index = writeLength(contentLength, to: out, at: index)
        index = writeInteger(r, to: out, at: index)
        index = writeInteger(s, to: out, at: index)
        return index
    }

    /// DER → R‖S in `out` (at least 2L bytes), each left-padded to L; returns 2L, or nil for DER that is
    /// not a two-integer sequence fitting the curve.
    static func raw(fromDER der: UnsafeBufferPointer<UInt8>, curve: ECCurve, into out: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        var index = 0
        guard der.count > 2, der[index] == 0x30 else { return nil }
        index += 1
        guard let total = readLength(der, &index), index + total == der.count else { return nil }
        let length = curve.coordinateLength
        guard out.count >= 2 * length else { return nil }
        for offset in 0..<(2 * length) { out[offset] = 0 }
        for half in 0..<2 {
            guard index < der.count, der[index] == 0x02 else { return nil }
            index += 1
            guard let count = readLength(der, &index), count > 0, index + count <= der.count else { return nil }
            var start = index
            index += count
            while start < index, der[start] == 0 { start += 1 }
            let valueLength = index - start
            guard valueLength <= length else { return nil }
            let destination = half * length + (length - valueLength)
            for offset in 0..<valueLength { out[destination + offset] = der[start + offset] }
        }
        return 2 * length
    }

    private static func isInRange(_ value: UnsafeBufferPointer<UInt8>, order: UnsafeBufferPointer<UInt8>) -> Bool {
        var isZero = true
        for byte in value where byte != 0 { isZero = false; break }
        if isZero { return false }
        for (a, b) in zip(value, order) where a != b { return a < b }
        return false
    }

    /// The encoded length (tag, length, content) of a non-zero unsigned big-endian integer.
    private static func integerLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var start = 0
        while start < bytes.count - 1, bytes[start] == 0 { start += 1 }
        let content = bytes.count - start + (bytes[start] & 0x80 != 0 ? 1 : 0)
        return 1 + (content < 0x80 ? 1 : 2) + content
    }

    private static func writeInteger(_ bytes: UnsafeBufferPointer<UInt8>, to out: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
        var first = 0
        while first < bytes.count - 1, bytes[first] == 0 { first += 1 }
        let padded = bytes[first] & 0x80 != 0
        var index = start
        out[index] = 0x02
        index += 1
        index = writeLength(bytes.count - first + (padded ? 1 : 0), to: out, at: index)
        if padded {
            out[index] = 0
            index += 1
        }
        for byte in bytes[first...] {
            out[index] = byte
            index += 1
        }
        return index
    }

    private static func writeLength(_ length: Int, to out: UnsafeMutableBufferPointer<UInt8>, at start: Int) -> Int {
        if length < 0x80 {
            out[start] = UInt8(length)
            return start + 1
        }
        // Lengths here stay below 256 (the longest sequence, P-521's, is 138 bytes).
        out[start] = 0x81
        out[start + 1] = UInt8(length)
        return start + 2
    }

    private static func readLength(_ der: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> Int? {
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
