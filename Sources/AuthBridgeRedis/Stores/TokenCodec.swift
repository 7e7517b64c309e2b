import AuthBridgeCore

/// The bytes a token is stored as: a version byte, then value, type, scopes and metadata as
/// length-prefixed UTF-8. The lifetime is not stored: Redis's `PTTL` is the lifetime.
enum TokenCodec {
    private static let version: UInt8 = 1

    static func encode(_ token: AccessToken) -> [UInt8] {
        var bytes: [UInt8] = [Self.version]
        Self.append(token.value.revealed, to: &bytes)
        Self.append(token.type, to: &bytes)
        Self.append(UInt32(token.scopes.count), to: &bytes)
        for scope in token.scopes { Self.append(scope, to: &bytes) }
        let metadata = token.metadata.sorted { $0.key < $1.key }
        Self.append(UInt32(metadata.count), to: &bytes)
        for (name, value) in metadata {
            Self.append(name, to: &bytes)
            Self.append(value, to: &bytes)
        }
        return bytes
    }

    /// The token in `bytes`, with `expiresIn` as its lifetime; throws on anything malformed.
    static func decode(_ bytes: [UInt8], expiresIn: Duration) throws(RedisError) -> AccessToken {
        var reader = Reader(bytes: bytes)
        guard try reader.byte() == Self.version else {
            throw RedisError(.unexpectedReply, "a cached token in an unknown format")
        }
        let value = try reader.string()
        let type = try reader.string()
        var scopes: [String] = []
        for _ in 0..<(try reader.count()) { scopes.append(try reader.string()) }
        var metadata: [String: String] = [:]
        for _ in 0..<(try reader.count()) {
            let name = try reader.string()
            metadata[name] = try reader.string()
        }
        guard reader.isAtEnd else { throw RedisError(.unexpectedReply, "a cached token with trailing bytes") }
        return AccessToken(value: Secret(value), type: type, expiresIn: expiresIn, scopes: scopes, metadata: metadata)
    }

    private static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(value >> 24 & 0xFF), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    private static func append(_ text: String, to bytes: inout [UInt8]) {
        let utf8 = Array(text.utf8)
        Self.append(UInt32(truncatingIfNeeded: utf8.count), to: &bytes)
        bytes += utf8
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        var isAtEnd: Bool { self.index == self.bytes.count }

        mutating func byte() throws(RedisError) -> UInt8 {
            guard self.index < self.bytes.count else { throw Self.truncated }
            defer { self.index += 1 }
            return self.bytes[self.index]
        }

        mutating func count() throws(RedisError) -> Int {
            var value = 0
            for _ in 0..<4 { value = value << 8 | Int(try self.byte()) }
            // Each element takes at least four bytes, so a larger count cannot be honest.
            guard value <= (self.bytes.count - self.index) / 4 else { throw Self.truncated }
            return value
        }

        mutating func string() throws(RedisError) -> String {
            var length = 0
            for _ in 0..<4 { length = length << 8 | Int(try self.byte()) }
            guard length <= self.bytes.count - self.index else { throw Self.truncated }
            defer { self.index += length }
            return String(decoding: self.bytes[self.index..<self.index + length], as: UTF8.self)
        }

        static let truncated = RedisError(.unexpectedReply, "a truncated cached token")
    }
}
