/// A JSON object whose member names are unique, in document order.
public struct JSONObject: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    /// The members, in order.
    public private(set) var members: [(name: String, value: JSONValue)]

    /// An empty object.
    public init() { self.members = [] }

    /// An object from literal members; a later duplicate name replaces the earlier value.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.members = []
        for (name, value) in elements { self[name] = value }
    }

    init(uniqueMembers: [(name: String, value: JSONValue)]) { self.members = uniqueMembers }

    /// The value of the member called `name`, or `nil`. Setting `nil` removes the member.
    public subscript(name: String) -> JSONValue? {
        get {
            // Comparing the UTF-8 length first skips most of String's full comparison on a miss.
            let length = name.utf8.count
            for member in self.members where member.name.utf8.count == length && member.name == name { return member.value }
            return nil
        }
        set {
            if let index = self.members.firstIndex(where: { $0.name == name }) {
                if let newValue { self.members[index].value = newValue } else { self.members.remove(at: index) }
            } else if let newValue {
                self.members.append((name, newValue))
            }
        }
    }

    /// The number of members.
    public var count: Int { self.members.count }

    /// Iterates over the members in order.
    public func makeIterator() -> IndexingIterator<[(name: String, value: JSONValue)]> {
        self.members.makeIterator()
    }

    /// Objects are equal when they have the same members with equal values, in any order.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        guard lhs.members.count == rhs.members.count else { return false }
        for member in lhs.members where rhs[member.name] != member.value { return false }
        return true
    }

    /// Hashes the member names and values independent of order.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for member in self.members {
            var memberHasher = Hasher()
            memberHasher.combine(member.name)
            memberHasher.combine(member.value)
            combined ^= memberHasher.finalize()
        }
        hasher.combine(self.members.count)
        hasher.combine(combined)
    }
}
