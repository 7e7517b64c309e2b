/// A JSON value as AuthBridgeJWT reads it: the strict reader's output for JOSE headers, claims and JWKs.
///
/// Objects keep their members in document order and never hold two members with the same name (the
/// reader rejects duplicates). Numbers are `Double`: JOSE only needs NumericDate and small integers, and
/// range checks on `Double` never trap.
public enum JSONValue: Sendable, Hashable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A JSON number.
    case number(Double)
    /// A JSON string.
    case string(String)
    /// A JSON array.
    case array([JSONValue])
    /// A JSON object.
    case object(JSONObject)

    /// The string, when this is a string.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The number, when this is a number.
    public var numberValue: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The Boolean, when this is `true` or `false`.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements, when this is an array.
    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The object, when this is an object.
    public var objectValue: JSONObject? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// Parses JSON text with the strict reader (duplicate names, depth and size are refused).
    ///
    /// - Throws: ``JWTError/Code-swift.struct/malformed`` for anything that is not strict JSON.
    public init(parsing text: String, maximumDepth: Int = JWTLimits.default.maximumJSONDepth) throws(JWTError) {
        var text = text
        self = try JWTError.rethrowing {
            try text.withUTF8 { bytes in try JSONReader.parse(bytes, maximumDepth: maximumDepth) }
        }
    }

    /// Parses JSON from UTF-8 bytes with the same strict reader, without a `String` in between.
    package init(parsing bytes: UnsafeBufferPointer<UInt8>, maximumDepth: Int = JWTLimits.default.maximumJSONDepth) throws(JWTError) {
        self = try JSONReader.parse(bytes, maximumDepth: maximumDepth)
    }

    /// Compact JSON text (no whitespace), with members in their stored order.
    public var serialized: String {
        String(decoding: self.serializedBytes, as: UTF8.self)
    }

    /// Compact JSON as UTF-8 bytes, without the `String` in between.
    package var serializedBytes: [UInt8] {
        var out = [UInt8]()
        JSONWriter.write(self, into: &out)
        return out
    }
}
