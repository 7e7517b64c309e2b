/// A small, strict JSON reader for JOSE headers, claims and keys (RFC 8259).
///
/// Why not Foundation: `JSONDecoder` neither sees duplicate member names (two parsers disagreeing on
/// which `alg` wins is an attack) nor bounds nesting depth, and it dominates verify time. This reader
/// rejects duplicates, bounds depth, validates UTF-8 and escapes, and never traps on any input.
struct JSONReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0
    private let maximumDepth: Int

    private init(bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int) throws(JWTError) -> JSONValue {
        var reader = JSONReader(bytes: bytes, maximumDepth: maximumDepth)
        reader.skipWhitespace()
        let value = try reader.parseValue(depth: 0)
        reader.skipWhitespace()
        guard reader.index == bytes.count else { throw Self.error("trailing characters after the JSON value") }
        return value
    }

    static func parse(_ bytes: [UInt8], maximumDepth: Int) throws(JWTError) -> JSONValue {
        try bytes.withUnsafeBufferPointer { buffer throws(JWTError) in try parse(buffer, maximumDepth: maximumDepth) }
    }

    /// Parses and requires a top-level object.
    static func parseObject(_ bytes: [UInt8], maximumDepth: Int, what: String) throws(JWTError) -> JSONObject {
        guard case .object(let object) = try parse(bytes, maximumDepth: maximumDepth) else {
            throw Self.error("\(what) is not a JSON object")
        }
        return object
    }

    /// Validates a top-level object as strictly as ``parse(_:maximumDepth:)`` but materialises nothing:
    /// each member's name and value are located by their byte ranges, to be read on demand. Claims are
    /// read this way, because building every name and value of a payload costs more than the MAC that
    /// protects it.
    static func index(_ bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int, what: String) throws(JWTError) -> [JSONMemberLocation] {
        var reader = JSONReader(bytes: bytes, maximumDepth: maximumDepth)
        reader.skipWhitespace()
        guard reader.index < bytes.count, bytes[reader.index] == UInt8(ascii: "{") else {
            throw Self.error("\(what) is not a JSON object")
        }
        var locations: [JSONMemberLocation] = []
        locations.reserveCapacity(16)
        try reader.walkObject(depth: 1, into: &locations)
        reader.skipWhitespace()
        guard reader.index == bytes.count else { throw Self.error("trailing characters after the JSON value") }
        return locations
    }

    private static func error(_ reason: String) -> JWTError { JWTError(.malformed, "invalid JSON: \(reason)") }

    /// Validates one value without building it.
    private mutating func skipValue(depth: Int) throws(JWTError) {
        guard self.index < self.bytes.count else { throw Self.error("unexpected end") }
        switch self.bytes[self.index] {
        case UInt8(ascii: "{"):
            var members: [JSONMemberLocation] = []
            try self.walkObject(depth: depth + 1, into: &members)
        case UInt8(ascii: "["):
            guard depth + 1 <= self.maximumDepth else { throw Self.error("nesting deeper than \(self.maximumDepth)") }
            self.index += 1
            self.skipWhitespace()
            if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "]") {
                self.index += 1
                return
            }
            while true {
                self.skipWhitespace()
                try self.skipValue(depth: depth + 1)
                self.skipWhitespace()
                guard self.index < self.bytes.count else { throw Self.error("unexpected end") }
                switch self.bytes[self.index] {
                case UInt8(ascii: ","): self.index += 1
                case UInt8(ascii: "]"): self.index += 1; return
                default: throw Self.error("expected ',' or ']'")
                }
            }
        case UInt8(ascii: "\""): _ = try self.skipString()
        default: _ = try self.parseValue(depth: depth)
        }
    }

    /// Walks an object's members, checking names for duplicates and skipping (but validating) values,
    /// and appends each member's location to `members`.
    private mutating func walkObject(depth: Int, into members: inout [JSONMemberLocation]) throws(JWTError) {
        guard depth <= self.maximumDepth else { throw Self.error("nesting deeper than \(self.maximumDepth)") }
        self.index += 1
        let first = members.count
        self.skipWhitespace()
        if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "}") {
            self.index += 1
            return
        }
        var nameSet: Set<String>? = nil
        while true {
            self.skipWhitespace()
            guard self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "\"") else {
                throw Self.error("expected a member name")
            }
            let nameStart = self.index + 1
            let isPlainASCII = try self.skipString()
            let rawName = nameStart..<(self.index - 1)
            var member = JSONMemberLocation(rawName: rawName, isPlainASCII: isPlainASCII, value: 0..<0, in: self.bytes)
            try self.checkUnique(member, among: members[first...], set: &nameSet)
            self.skipWhitespace()
            guard self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: ":") else {
                throw Self.error("expected ':'")
            }
            self.index += 1
            self.skipWhitespace()
            let start = self.index
            try self.skipValue(depth: depth)
            member.value = start..<self.index
            members.append(member)
            self.skipWhitespace()
            guard self.index < self.bytes.count else { throw Self.error("unexpected end") }
            switch self.bytes[self.index] {
            case UInt8(ascii: ","): self.index += 1
            case UInt8(ascii: "}"): self.index += 1; return
            default: throw Self.error("expected ',' or '}'")
            }
        }
    }

    /// ``checkUnique(_:among:set:)`` for located names: plain ASCII names compare byte for byte, others
    /// as decoded strings; past 16 names, a set of decoded names.
    private func checkUnique(_ member: JSONMemberLocation, among members: ArraySlice<JSONMemberLocation>, set: inout Set<String>?) throws(JWTError) {
        if members.count < 16 {
            guard !members.contains(where: { $0.hasSameName(as: member, in: self.bytes) }) else {
                throw JWTError(.malformed, "duplicate member name", member: JWTError.printable(member.name(in: self.bytes)))
            }
        } else {
            if set == nil { set = Set(members.map { $0.name(in: self.bytes) }) }
            let name = member.name(in: self.bytes)
            guard set?.insert(name).inserted == true else {
                throw JWTError(.malformed, "duplicate member name", member: JWTError.printable(name))
            }
        }
    }

    /// Refuses a repeated member name: a linear scan (length first) while the object is small, a set
    /// once it grows past 16 names.
    private static func checkUnique(_ name: String, among names: some Collection<String>, set: inout Set<String>?) throws(JWTError) {
        if names.count < 16 {
            let length = name.utf8.count
            guard !names.contains(where: { $0.utf8.count == length && $0 == name }) else {
                throw JWTError(.malformed, "duplicate member name", member: JWTError.printable(name))
            }
        } else {
            if set == nil { set = Set(names) }
            guard set?.insert(name).inserted == true else {
                throw JWTError(.malformed, "duplicate member name", member: JWTError.printable(name))
            }
        }
    }

    /// Validates a string (escapes, control characters, UTF-8) without building it when it has no escapes.
    /// Returns whether it is plain ASCII without escapes.
    private mutating func skipString() throws(JWTError) -> Bool {
        let start = self.index + 1
        var scan = start
        var ascii = true
        while true {
            scan = Self.firstSpecialByte(in: self.bytes, from: scan)
            guard scan < self.bytes.count else { break }
            let byte = self.bytes[scan]
            if byte == UInt8(ascii: "\"") {
                guard ascii || UTF8Validation.isValid(UnsafeBufferPointer(rebasing: self.bytes[start..<scan])) else {
                    throw Self.error("invalid UTF-8")
                }
                self.index = scan + 1
                return ascii
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw Self.error("control character in string") }
            ascii = false
            scan += 1
        }
        // Escapes (rare in claims) or no closing quote: the full reader checks them.
        _ = try self.parseString()
        return false
    }

    /// The index of the first byte from `start` on that ends a plain run inside a string: a quote, a
    /// backslash, a control character or a non-ASCII byte; `bytes.count` when there is none. Tests eight
    /// bytes at a time (SWAR), since claims are mostly long ASCII strings; a chunk flagged by the
    /// word tests (which can over-report, never under-report) is rescanned byte by byte.
    static func firstSpecialByte(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var index = start
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= bytes.count {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let quote = word ^ (ones &* 0x22)
                let backslash = word ^ (ones &* 0x5C)
                let zeroQuote = (quote &- ones) & ~quote
                let zeroBackslash = (backslash &- ones) & ~backslash
                let control = word &- (ones &* 0x20)
                if (zeroQuote | zeroBackslash | control | word) & highs != 0 { break }
                index += 8
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { return index }
            index += 1
        }
        return index
    }

    private mutating func skipWhitespace() {
        while self.index < self.bytes.count {
            switch self.bytes[self.index] {
            case 0x20, 0x09, 0x0A, 0x0D: self.index += 1
            default: return
            }
        }
    }

    private mutating func parseValue(depth: Int) throws(JWTError) -> JSONValue {
        guard self.index < self.bytes.count else { throw Self.error("unexpected end") }
        switch self.bytes[self.index] {
        case UInt8(ascii: "{"): return .object(try self.parseObject(depth: depth + 1))
        case UInt8(ascii: "["): return .array(try self.parseArray(depth: depth + 1))
        case UInt8(ascii: "\""): return .string(try self.parseString())
        case UInt8(ascii: "t"): try self.expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try self.expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try self.expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try self.parseNumber())
        default: throw Self.error("unexpected character")
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws(JWTError) {
        let count = literal.utf8CodeUnitCount
        guard self.index + count <= self.bytes.count else { throw Self.error("unexpected end") }
        let start = literal.utf8Start
        for offset in 0..<count where self.bytes[self.index + offset] != start[offset] {
            throw Self.error("invalid literal")
        }
        self.index += count
    }

    private mutating func parseObject(depth: Int) throws(JWTError) -> JSONObject {
        guard depth <= self.maximumDepth else { throw Self.error("nesting deeper than \(self.maximumDepth)") }
        self.index += 1
        var members: [(name: String, value: JSONValue)] = []
        self.skipWhitespace()
        if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "}") {
            self.index += 1
            return JSONObject(uniqueMembers: members)
        }
        // JOSE headers hold 2-4 members and claims 5-15: one allocation in the common case.
        members.reserveCapacity(16)
        var nameSet: Set<String>? = nil
        while true {
            self.skipWhitespace()
            guard self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "\"") else {
                throw Self.error("expected a member name")
            }
            let name = try self.parseString()
            try Self.checkUnique(name, among: members.lazy.map(\.name), set: &nameSet)
            self.skipWhitespace()
            guard self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: ":") else {
                throw Self.error("expected ':'")
            }
            self.index += 1
            self.skipWhitespace()
            let value = try self.parseValue(depth: depth)
            members.append((name, value))
            self.skipWhitespace()
            guard self.index < self.bytes.count else { throw Self.error("unexpected end") }
            switch self.bytes[self.index] {
            case UInt8(ascii: ","): self.index += 1
            case UInt8(ascii: "}"): self.index += 1; return JSONObject(uniqueMembers: members)
            default: throw Self.error("expected ',' or '}'")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(JWTError) -> [JSONValue] {
        guard depth <= self.maximumDepth else { throw Self.error("nesting deeper than \(self.maximumDepth)") }
        self.index += 1
        var elements: [JSONValue] = []
        self.skipWhitespace()
        if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "]") {
            self.index += 1
            return elements
        }
        while true {
            self.skipWhitespace()
            elements.append(try self.parseValue(depth: depth))
            self.skipWhitespace()
            guard self.index < self.bytes.count else { throw Self.error("unexpected end") }
            switch self.bytes[self.index] {
            case UInt8(ascii: ","): self.index += 1
            case UInt8(ascii: "]"): self.index += 1; return elements
            default: throw Self.error("expected ',' or ']'")
            }
        }
    }

    private mutating func parseString() throws(JWTError) -> String {
        self.index += 1
        let start = self.index
        // Fast path: no escapes, so the bytes between the quotes are the string once UTF-8 validates.
        var ascii = true
        while true {
            self.index = Self.firstSpecialByte(in: self.bytes, from: self.index)
            guard self.index < self.bytes.count else { break }
            let byte = self.bytes[self.index]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: self.bytes[start..<self.index])
                self.index += 1
                guard ascii || UTF8Validation.isValid(slice) else { throw Self.error("invalid UTF-8") }
                return String(decoding: slice, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw Self.error("control character in string") }
            if byte >= 0x80 { ascii = false }
            self.index += 1
        }
        var scalars = [UInt8](UnsafeBufferPointer(rebasing: self.bytes[start..<self.index]))
        while self.index < self.bytes.count {
            let byte = self.bytes[self.index]
            self.index += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard scalars.withUnsafeBufferPointer(UTF8Validation.isValid) else { throw Self.error("invalid UTF-8") }
                return String(decoding: scalars, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard self.index < self.bytes.count else { throw Self.error("unexpected end") }
                let escape = self.bytes[self.index]
                self.index += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append(0x22)
                case UInt8(ascii: "\\"): scalars.append(0x5C)
                case UInt8(ascii: "/"): scalars.append(0x2F)
                case UInt8(ascii: "b"): scalars.append(0x08)
                case UInt8(ascii: "f"): scalars.append(0x0C)
                case UInt8(ascii: "n"): scalars.append(0x0A)
                case UInt8(ascii: "r"): scalars.append(0x0D)
                case UInt8(ascii: "t"): scalars.append(0x09)
                case UInt8(ascii: "u"):
                    var value = try self.parseHex4()
                    if (0xD800...0xDBFF).contains(value) {
                        guard self.index + 1 < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "\\"),
                            self.bytes[self.index + 1] == UInt8(ascii: "u")
                        else { throw Self.error("lone surrogate") }
                        self.index += 2
                        let low = try self.parseHex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw Self.error("lone surrogate") }
                        value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(value) {
                        throw Self.error("lone surrogate")
                    }
                    guard let scalar = Unicode.Scalar(value) else { throw Self.error("invalid escape") }
                    scalars.append(contentsOf: UTF8.encode(scalar)!)
                default:
                    throw Self.error("invalid escape")
                }
            default:
                if byte < 0x20 { throw Self.error("control character in string") }
                scalars.append(byte)
            }
        }
        throw Self.error("unterminated string")
    }

    private mutating func parseHex4() throws(JWTError) -> UInt32 {
        guard self.index + 4 <= self.bytes.count else { throw Self.error("unexpected end") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = self.bytes[self.index]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw Self.error("invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
            self.index += 1
        }
        return value
    }

    private mutating func parseNumber() throws(JWTError) -> Double {
        let start = self.index
        var isSmallInteger = true
        var integer: Int64 = 0
        var negative = false
        if self.bytes[self.index] == UInt8(ascii: "-") {
            negative = true
            self.index += 1
        }
        guard self.index < self.bytes.count else { throw Self.error("invalid number") }
        let firstDigit = self.index
        if self.bytes[self.index] == UInt8(ascii: "0") {
            self.index += 1
        } else if (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(self.bytes[self.index]) {
            while self.index < self.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self.bytes[self.index]) {
                if self.index - firstDigit < 15 {
                    integer = integer * 10 + Int64(self.bytes[self.index] - UInt8(ascii: "0"))
                } else {
                    isSmallInteger = false
                }
                self.index += 1
            }
        } else {
            throw Self.error("invalid number")
        }
        if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: ".") {
            isSmallInteger = false
            self.index += 1
            try self.requireDigits()
        }
        if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "e") || self.bytes[self.index] == UInt8(ascii: "E") {
            isSmallInteger = false
            self.index += 1
            if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "+") || self.bytes[self.index] == UInt8(ascii: "-") {
                self.index += 1
            }
            try self.requireDigits()
        }
        if isSmallInteger {
            // Up to 15 digits are exact in a Double: no string round trip on the hot path.
            return negative ? -Double(integer) : Double(integer)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: self.bytes[start..<self.index]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw Self.error("number out of range") }
        return value
    }

    private mutating func requireDigits() throws(JWTError) {
        let start = self.index
        while self.index < self.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self.bytes[self.index]) {
            self.index += 1
        }
        guard self.index > start else { throw Self.error("invalid number") }
    }
}
