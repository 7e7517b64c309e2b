public import AuthBridgeJWT

// The one mapping between the two JSON shapes of the package. `JSONValue` (AuthBridgeJWT, the lowest
// public module) is what the strict reader parses and the writer serializes: objects keep their members'
// order. `ContextValue` is a session's claims as context: objects are dictionaries, since a name appears
// once (the strict reader refuses duplicates) and order carries no meaning there.

extension ContextValue {
    /// The same value; an object's member order is dropped.
    /// - Parameter json: A parsed value.
    public init(_ json: JSONValue) {
        switch json {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let number): self = .number(number)
        case .string(let string): self = .string(string)
        case .array(let values): self = .array(values.map(ContextValue.init))
        case .object(let object): self = .object(object.reduce(into: [String: ContextValue]()) { $0[$1.name] = ContextValue($1.value) })
        }
    }
}

extension JSONValue {
    /// The same value; an object's members in name order, so the serialization is stable.
    /// - Parameter context: A context value.
    public init(_ context: ContextValue) {
        switch context {
        case .null: self = .null
        case .bool(let flag): self = .bool(flag)
        case .number(let number): self = .number(number)
        case .string(let string): self = .string(string)
        case .array(let values): self = .array(values.map(JSONValue.init))
        case .object(let members):
            self = .object(members.sorted { $0.key < $1.key }.reduce(into: JSONObject()) { $0[$1.key] = JSONValue($1.value) })
        }
    }
}
