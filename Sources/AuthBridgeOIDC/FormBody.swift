/// An `application/x-www-form-urlencoded` body, read strictly: a parameter given twice is an error
/// (RFC 6749 §3.2), and the body is capped in size.
struct FormBody {
    private(set) var parameters: [String: String] = [:]

    static let maximumBytes = 8192

    init(_ bytes: [UInt8]) throws(OIDCError) {
        guard bytes.count <= Self.maximumBytes else { throw OIDCError(.invalidRequest, "the request body is too large") }
        guard !bytes.isEmpty else { return }
        for pair in bytes.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            let parts = pair.split(separator: UInt8(ascii: "="), maxSplits: 1, omittingEmptySubsequences: false)
            let name = try Self.decode(parts[0])
            let value = parts.count > 1 ? try Self.decode(parts[1]) : ""
            // The name is the client's: named only when it is a plain token, so neither a log line nor the
            // error_description (RFC 6749 §5.2's character set) carries anything it chose beyond that.
            guard self.parameters[name] == nil else {
                let plain =
                    name.count <= 40
                    && name.utf8.allSatisfy {
                        $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") || (0x30...0x39).contains($0) || (0x41...0x5A).contains($0)
                            || (0x61...0x7A).contains($0)
                    }
                throw OIDCError(.invalidRequest, plain ? "the parameter \(name) is repeated" : "a parameter is repeated")
            }
            self.parameters[name] = value
        }
    }

    subscript(name: String) -> String? { self.parameters[name].flatMap { $0.isEmpty ? nil : $0 } }

    /// Percent-decoding with `+` as space; invalid escapes and invalid UTF-8 are errors.
    static func decode(_ bytes: some Collection<UInt8>) throws(OIDCError) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                out.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(Self.hexValue), let low = iterator.next().flatMap(Self.hexValue) else {
                    throw OIDCError(.invalidRequest, "the request body has an invalid percent escape")
                }
                out.append(high << 4 | low)
            default:
                out.append(byte)
            }
        }
        guard let string = String(validating: out, as: UTF8.self) else { throw OIDCError(.invalidRequest, "the request body is not UTF-8") }
        return string
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
