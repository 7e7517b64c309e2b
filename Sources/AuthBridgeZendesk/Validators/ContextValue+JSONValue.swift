import AuthBridgeCore
import AuthBridgeJWT

extension ContextValue {
    /// The same value as AuthBridgeCore's context type.
    init(_ value: JSONValue) {
        switch value {
        case .null: self = .null
        case .bool(let bool): self = .bool(bool)
        case .number(let number): self = .number(number)
        case .string(let string): self = .string(string)
        case .array(let array): self = .array(array.map(ContextValue.init))
        case .object(let object):
            var members: [String: ContextValue] = [:]
            for (name, member) in object { members[name] = ContextValue(member) }
            self = .object(members)
        }
    }
}

extension JWTClaims {
    /// The claims not in `excluded`, as session context.
    func context(excluding excluded: Set<String>) -> [String: ContextValue] {
        var context: [String: ContextValue] = [:]
        for (name, value) in self.members(excluding: excluded) {
            context[name] = ContextValue(value)
        }
        return context
    }

    /// A string claim, or `nil` when absent; throws when present with another type.
    func string(_ name: String) throws(ZendeskError) -> String? {
        guard let value = self[name] else { return nil }
        guard case .string(let string) = value else {
            throw ZendeskError(.invalidClaims, "the \(name) claim is not a string", field: name)
        }
        return string
    }
}
