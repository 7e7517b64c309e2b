/// A member of a JSON object as the index sees it: where its name and its (validated) value lie in the
/// bytes. Names are decoded only when asked for: most lookups compare plain ASCII names byte for byte.
struct JSONMemberLocation: Sendable, Hashable {
    /// The name's bytes between the quotes, as written.
    let rawName: Range<Int>
    /// The name is ASCII without escapes, so its bytes are the name. For ASCII, byte equality is exactly
    /// `String` equality; any other name is compared as a decoded `String` (canonical equivalence).
    let isPlainASCII: Bool
    /// Set once the value has been skipped.
    var value: Range<Int>
    /// For a plain name: its length in the low byte and its first seven bytes above, so most pairs of
    /// names are told apart by one comparison. Equal names have equal fingerprints.
    let fingerprint: UInt64

    init(rawName: Range<Int>, isPlainASCII: Bool, value: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) {
        self.rawName = rawName
        self.isPlainASCII = isPlainASCII
        self.value = value
        var fingerprint = UInt64(truncatingIfNeeded: rawName.count & 0xFF)
        if isPlainASCII {
            var shift: UInt64 = 8
            for index in rawName.prefix(7) {
                fingerprint |= UInt64(bytes[index]) << shift
                shift += 8
            }
        }
        self.fingerprint = fingerprint
    }

    /// The decoded name. The index validated it, so this does not fail.
    func name(in bytes: UnsafeBufferPointer<UInt8>) -> String {
        if self.isPlainASCII { return String(decoding: UnsafeBufferPointer(rebasing: bytes[self.rawName]), as: UTF8.self) }
        let quoted = (self.rawName.lowerBound - 1)..<(self.rawName.upperBound + 1)
        let value = try? JSONReader.parse(UnsafeBufferPointer(rebasing: bytes[quoted]), maximumDepth: 1)
        return value?.stringValue ?? ""
    }

    /// Whether this member is called `name`, whose UTF-8 and ASCII-ness the caller computed once.
    func hasName(_ name: String, utf8: UnsafeBufferPointer<UInt8>, isASCII: Bool, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if self.isPlainASCII && isASCII { return Self.equal(utf8, UnsafeBufferPointer(rebasing: bytes[self.rawName])) }
        return self.name(in: bytes) == name
    }

    /// Whether two members have the same name.
    func hasSameName(as other: JSONMemberLocation, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if self.isPlainASCII && other.isPlainASCII {
            guard self.fingerprint == other.fingerprint else { return false }
            if self.rawName.count <= 7 { return true }
            return Self.equal(UnsafeBufferPointer(rebasing: bytes[self.rawName]), UnsafeBufferPointer(rebasing: bytes[other.rawName]))
        }
        return self.name(in: bytes) == other.name(in: bytes)
    }

    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        for index in 0..<a.count where a[index] != b[index] { return false }
        return true
    }
}
