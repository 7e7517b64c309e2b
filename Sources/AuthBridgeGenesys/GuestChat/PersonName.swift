/// A display name split for Genesys's first/last name fields: the last word is the last name.
struct PersonName {
    let first: String?
    let last: String?

    init(_ name: String) {
        let words = name.split(whereSeparator: { $0.isWhitespace })
        switch words.count {
        case 0: (self.first, self.last) = (nil, nil)
        case 1: (self.first, self.last) = (String(words[0]), nil)
        default: (self.first, self.last) = (words.dropLast().joined(separator: " "), String(words[words.count - 1]))
        }
    }
}
