/// E.164 phone numbers, which Genesys needs for phone identifiers (`+` and the country code).
enum E164 {
    /// `+` and 8–15 digits after removing spaces, dashes, dots and parentheses; `nil` otherwise.
    static func normalized(_ text: String) -> String? {
        var digits = ""
        var sawPlus = false
        for character in text.trimmingWhitespace() {
            switch character {
            case "+" where !sawPlus && digits.isEmpty: sawPlus = true
            case "0"..."9": digits.append(character)
            case " ", "-", ".", "(", ")": continue
            default: return nil
            }
        }
        guard sawPlus, (8...15).contains(digits.count), digits.first != "0" else { return nil }
        return "+" + digits
    }
}
