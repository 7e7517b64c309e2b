/// Percent-encodes a value placed in a URL path segment or query (RFC 3986 unreserved characters only),
/// so an id from elsewhere cannot change the path: `/`, `?`, `#` and `%` are encoded, and so are `.` and
/// `..` as whole segments, which would otherwise walk up the path.
package enum PathSegment {
    package static func escaped(_ value: String) -> String {
        if value == "." || value == ".." { return String(repeating: "%2E", count: value.utf8.count) }
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%"
                out.unicodeScalars.append(Unicode.Scalar(Self.hexDigits[Int(byte >> 4)]))
                out.unicodeScalars.append(Unicode.Scalar(Self.hexDigits[Int(byte & 0x0F)]))
            }
        }
        return out
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)
}
