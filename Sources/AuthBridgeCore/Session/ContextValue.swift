/// A JSON-like value: the claims of a verified session that AuthBridge passes on as context.
public enum ContextValue: Hashable, Sendable {
    /// A string.
    case string(String)
    /// A number; JSON does not tell integers from decimals.
    case number(Double)
    /// A Boolean.
    case bool(Bool)
    /// An ordered list.
    case array([ContextValue])
    /// An object with string keys.
    case object([String: ContextValue])
    /// JSON `null`.
    case null

    /// The string, if this is a ``string(_:)``.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The number, if this is a ``number(_:)``.
    public var numberValue: Double? {
        if case .number(let value) = self { return value }
        return nil
    }

    /// The Boolean, if this is a ``bool(_:)``.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The member named `key`, if this is an ``object(_:)`` that has it.
    public subscript(key: String) -> ContextValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }
}

extension ContextValue: ExpressibleByStringLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    /// A ``string(_:)``.
    public init(stringLiteral value: String) { self = .string(value) }
    /// A ``number(_:)``.
    public init(floatLiteral value: Double) { self = .number(value) }
    /// A ``number(_:)``.
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    /// A ``bool(_:)``.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// An ``array(_:)``.
    public init(arrayLiteral elements: ContextValue...) { self = .array(elements) }
    /// An ``object(_:)``; a repeated key keeps its last value.
    public init(dictionaryLiteral elements: (String, ContextValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    /// ``null``.
    public init(nilLiteral: ()) { self = .null }
}

extension ContextValue: Codable {
    /// Decodes any JSON value.
    /// - Parameter decoder: The decoder.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([ContextValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: ContextValue].self))
        }
    }

    /// Encodes the value as the JSON value it stands for.
    /// - Parameter encoder: The encoder.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }
}
