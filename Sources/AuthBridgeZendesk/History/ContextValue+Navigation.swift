import AuthBridgeCore

extension ContextValue {
    /// A string, or an integral number as its decimal text (Zendesk sends ids as numbers).
    var text: String? {
        switch self {
        case .string(let string): return string
        case .number(let number):
            if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
            return String(number)
        default: return nil
        }
    }

    /// The elements, if this is an array.
    var elements: [ContextValue] {
        if case .array(let elements) = self { return elements }
        return []
    }

    /// The members, if this is an object.
    var members: [String: ContextValue] {
        if case .object(let members) = self { return members }
        return [:]
    }

    /// A timestamp: ISO 8601 text, or a number of seconds (milliseconds when it is too large to be seconds).
    var timestamp: Double? {
        switch self {
        case .string(let string): return ZendeskTime.parse(string)
        case .number(let number): return number > 1e11 ? number / 1000 : number
        default: return nil
        }
    }
}
