import AuthBridgeCore
import AuthBridgeJWT

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
