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

    /// An identifier claim (`external_id`) as text: a string, or an integer below 2^53 as its decimal
    /// text; `nil` when absent; throws for another type or an inexact number.
    func identifier(_ name: String) throws(ZendeskError) -> String? {
        switch self[name] {
        case nil: return nil
        case .string(let string)?: return string
        case .number(let number)? where number.isFinite && number.rounded() == number && abs(number) < 9_007_199_254_740_992:
            return String(Int64(number))
        case .number?:
            // Beyond 2^53 a JSON number is not exact in a double: two customers could get one id.
            throw ZendeskError(.invalidClaims, "the \(name) claim is a number that is not an exact integer: sign it as a string", field: name)
        default: throw ZendeskError(.invalidClaims, "the \(name) claim is neither a string nor a number", field: name)
        }
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
